import { describe, expect, test } from '@jest/globals';
import type { Endpoint } from '../src/backend/Endpoint.ts';
import { CREDIT, DATA, END } from '../src/internal/boundary/linkProtocol.ts';
import { OrderedMerge } from '../src/internal/boundary/OrderedMerge.ts';
import type { ComponentRun } from '../src/internal/ComponentRun.ts';
import { mergeStats } from '../src/internal/collectStats.ts';
import { InboxImpl } from '../src/internal/InboxImpl.ts';
import { Link } from '../src/internal/Link.ts';
import type { LinkInfo } from '../src/types.ts';

/** The receiving end of the links out of two ordered replicas, fed through endpoints the test drives. */
function merged(capacity: number) {
  const posted: unknown[][] = [[], []];
  const deliver: ((data: unknown) => void)[] = [];
  const endpoint = (i: number): Endpoint => ({
    postMessage: (message) => posted[i]!.push(message),
    addEventListener: (type, listener) => {
      if (type === 'message') deliver[i] = (data) => listener({ data });
    },
    close: () => {},
  });
  const owner = { name: 'sink', type: 'Sink', halted: false, watching: false };
  const inbox = new InboxImpl(owner as unknown as ComponentRun, [
    'in',
    { description: '' } as never,
  ]);
  const ports = [
    { id: 7, peer: 'parse#1.out', endpoint: endpoint(0) },
    { id: 9, peer: 'parse#2.out', endpoint: endpoint(1) },
  ];
  const merge = new OrderedMerge(ports, 'parse', 'out');
  const link = new Link(7, merge, inbox, capacity);
  inbox.attach(link);
  merge.feed(link);
  const credits = (i: number) =>
    posted[i]!.filter((m) => (m as unknown[])[0] === CREDIT).reduce(
      (sum: number, m) => sum + (m as [number, number])[1],
      0,
    );
  return {
    inbox,
    merge,
    credits,
    send: (replica: number, ...items: unknown[]) => deliver[replica]!([DATA, items]),
    end: (replica: number) => deliver[replica]!([END]),
  };
}

/** Let queued wake-ups run (the merge hears of taken messages at the next yield point). */
const tick = () => new Promise((resolve) => setImmediate(resolve));
const row = (info: LinkInfo) =>
  `${info.id} ${info.from} -> ${info.to}: sent ${info.sent}, delivered ${info.delivered}, queued ${info.queued}${info.held === undefined ? '' : `, held ${info.held}`}`;

describe('the stats of an ordered merge', () => {
  test('are one row per replica, under the id and name its sending end reports', async () => {
    const { inbox, merge, send, end } = merged(8);
    // Input 0 went to replica 1, input 1 to replica 2 (which answers first), input 2 to replica 1.
    send(1, [1, 'b1'], [1, 'b2'], [1]);
    expect(merge.info().map(row)).toEqual([
      '7 parse#1.out -> sink.in: sent 0, delivered 0, queued 0',
      '9 parse#2.out -> sink.in: sent 0, delivered 0, queued 0, held 2',
    ]);
    send(0, [0, 'a'], [0], [2, 'c'], [2]);
    expect(merge.info().map(row)).toEqual([
      '7 parse#1.out -> sink.in: sent 2, delivered 0, queued 2',
      '9 parse#2.out -> sink.in: sent 2, delivered 0, queued 2',
    ]);
    const taken = [inbox.recv(), inbox.recv(), inbox.recv()];
    expect(taken).toEqual(['a', 'b1', 'b2']);
    await tick();
    expect(merge.info().map(row)).toEqual([
      '7 parse#1.out -> sink.in: sent 2, delivered 1, queued 1',
      '9 parse#2.out -> sink.in: sent 2, delivered 2, queued 0',
    ]);
    end(0);
    end(1);
    expect(inbox.recv()).toBe('c');
    await tick();
    expect(merge.info().map(row)).toEqual([
      '7 parse#1.out -> sink.in: sent 2, delivered 2, queued 0',
      '9 parse#2.out -> sink.in: sent 2, delivered 2, queued 0',
    ]);
  });

  test("merged with the replicas' last snapshots, count each message once and leave none queued", async () => {
    const { inbox, merge, send, end, credits } = merged(4);
    send(0, [0, 'a'], [0], [1]);
    send(1, [2, 'bad'], [2]);
    end(0);
    end(1);
    expect([inbox.recv(), inbox.recv()]).toEqual(['a', 'bad']);
    await tick();
    // The replicas ended before their credits came back: their last snapshots say 'queued'.
    expect([credits(0), credits(1)]).toEqual([0, 0]);
    const sender = (id: number, from: string): LinkInfo => ({
      id,
      from,
      to: 'sink.in',
      capacity: 4,
      sent: 1,
      delivered: 0,
      queued: 1,
      dropped: 0,
      closed: true,
    });
    const stats = mergeStats({ components: [], links: merge.info() }, [
      { components: [], links: [sender(7, 'parse#1.out')] },
      { components: [], links: [sender(9, 'parse#2.out')] },
    ]);
    expect(stats.links.map(row)).toEqual([
      '7 parse#1.out -> sink.in: sent 1, delivered 1, queued 0',
      '9 parse#2.out -> sink.in: sent 1, delivered 1, queued 0',
    ]);
  });
});
