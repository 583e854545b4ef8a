import { describe, expect, test } from '@jest/globals';
import type { Endpoint } from '../src/backend/Endpoint.ts';
import {
  COLUMNS,
  CREDIT,
  DATA,
  END,
  RECORDS,
  UNLINK,
} from '../src/internal/boundary/linkProtocol.ts';
import { PortReader } from '../src/internal/boundary/PortReader.ts';
import type { ComponentRun } from '../src/internal/ComponentRun.ts';
import { InboxImpl } from '../src/internal/InboxImpl.ts';
import { Link } from '../src/internal/Link.ts';

/** The receiving end of a boundary link of `capacity`, fed through an endpoint the test drives. */
function receiver(capacity: number, numbered = false) {
  const posted: unknown[] = [];
  let deliver: (data: unknown) => void = () => {};
  const endpoint: Endpoint = {
    postMessage: (message) => posted.push(message),
    addEventListener: (type, listener) => {
      if (type === 'message') deliver = (data) => listener({ data });
    },
    close: () => {},
  };
  const owner = { name: 'sink', type: 'Sink', halted: false, watching: false };
  const inbox = new InboxImpl(owner as unknown as ComponentRun, [
    'in',
    { description: '' } as never,
  ]);
  const reader = new PortReader(endpoint, 'source.out', 'out');
  if (numbered) reader.numbered();
  const link = new Link(1, reader, inbox, capacity);
  inbox.attach(link);
  reader.feed(link);
  const credits = () =>
    posted.filter((m) => (m as unknown[])[0] === CREDIT).map((m) => (m as [number, number])[1]);
  const send = (...items: unknown[]) => deliver([DATA, items]);
  const sendText = (text: string) => deliver([RECORDS, text]);
  const sendColumns = (keys: string, values: string) => deliver([COLUMNS, keys, values]);
  const unlinks = () => posted.filter((m) => (m as unknown[])[0] === UNLINK).length;
  return {
    inbox,
    reader,
    credits,
    unlinks,
    send,
    sendText,
    sendColumns,
    end: () => deliver([END]),
  };
}

/** Let queued wake-ups run (the reader hears of taken messages at the next yield point). */
const tick = () => new Promise((resolve) => setImmediate(resolve));
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The error a run fails with when the endpoint of a boundary link reports `error`. */
function failureFor(error: unknown): Error & { code?: string } {
  let fail: (error: unknown) => void = () => {};
  const endpoint: Endpoint = {
    postMessage: () => {},
    addEventListener: (type, listener) => {
      if (type === 'messageerror') fail = (data) => listener({ data });
    },
    close: () => {},
  };
  const failures: Error[] = [];
  const owner = { name: 'sink', type: 'Sink', failRun: (e: Error) => failures.push(e) };
  const inbox = new InboxImpl(owner as unknown as ComponentRun, [
    'in',
    { description: '' } as never,
  ]);
  const reader = new PortReader(endpoint, 'source', 'out');
  const link = new Link(1, reader, inbox, 8);
  inbox.attach(link);
  reader.feed(link);
  fail(error);
  return failures[0]!;
}

describe('the receiving end of a link across a boundary', () => {
  test('a transport that lost messages fails the run with ERR_LINK_LOST, naming the link', () => {
    const lost = Object.assign(new Error('2 messages never arrived'), { code: 'ERR_LINK_LOST' });
    const error = failureFor(lost);
    expect(error.code).toBe('ERR_LINK_LOST');
    expect(error.message).toContain("The link from 'source.out' to 'sink.in' lost messages");
    expect(error.message).toContain('2 messages never arrived');
    expect(failureFor(new Error('bad bytes')).code).toBe('ERR_UNDECODABLE');
  });

  test('unlinked, asks the sender once to stop, and still delivers what comes before the end', () => {
    const { inbox, reader, unlinks, send, end } = receiver(8);
    send(1);
    reader.unlink();
    reader.unlink();
    expect(unlinks()).toBe(1);
    send(2);
    end();
    expect([inbox.recv(), inbox.recv()]).toEqual([1, 2]);
    expect(inbox.isEnded()).toBe(true);
    reader.unlink();
    expect(unlinks()).toBe(1);
  });

  test('takes a batch sent as JSON text like any other, in order', () => {
    const { inbox, send, sendText } = receiver(8);
    sendText('[{"seq":1},{"seq":2}]');
    send({ seq: 3 });
    expect([inbox.recv(), inbox.recv(), inbox.recv()]).toEqual([
      { seq: 1 },
      { seq: 2 },
      { seq: 3 },
    ]);
  });

  test('takes a batch sent as columns as the records it was made of, in order', () => {
    const { inbox, send, sendColumns } = receiver(8);
    sendColumns('["seq","ok"]', '[1,true,2,false]');
    send({ seq: 3 });
    expect([inbox.recv(), inbox.recv(), inbox.recv()]).toEqual([
      { seq: 1, ok: true },
      { seq: 2, ok: false },
      { seq: 3 },
    ]);
  });

  test('returns credits as messages enter the inbox, before the component takes any', () => {
    const { inbox, credits, send } = receiver(8);
    send(1, 2, 3, 4);
    expect(inbox.size).toBe(4);
    expect(credits()).toEqual([4]);
  });

  test('keeps what arrives while the inbox is full waiting, and moves it in as the component takes', async () => {
    const { inbox, credits, send } = receiver(8);
    send(...range(1, 8));
    send(...range(9, 16));
    expect(inbox.size).toBe(8);
    expect(credits()).toEqual([8]);
    const taken = [inbox.recv(), inbox.recv(), inbox.recv(), inbox.recv()];
    await tick();
    expect(inbox.size).toBe(8);
    expect(credits()).toEqual([8, 4]);
    while (inbox.size > 0) {
      taken.push(inbox.recv());
      await tick();
    }
    expect(taken).toEqual(range(1, 16));
    expect(credits().reduce((a, b) => a + b)).toBe(16);
  });

  test('a waiting component is woken within the task that delivered a batch, before the next', async () => {
    const { inbox, send } = receiver(8);
    let woken = false;
    const waiting = inbox.wait().then(() => {
      woken = true;
    });
    send(1, 2);
    // Microtasks only: no macrotask (such as the scheduler's end of slice) has run yet.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(woken).toBe(true);
    await waiting;
  });

  test('a component that empties its inbox and waits is woken by the messages that were waiting', async () => {
    const { inbox, send } = receiver(4);
    send(...range(1, 8));
    const taken = [inbox.recv(), inbox.recv(), inbox.recv(), inbox.recv()];
    // Waiting is a yield point: the reader moves the rest in while the component registers.
    await expect(inbox.wait()).resolves.toBe(true);
    while (inbox.size > 0) taken.push(inbox.recv());
    expect(taken).toEqual(range(1, 8));
  });

  test('the inbox ends only after everything waiting has moved into it and been taken', async () => {
    const { inbox, send, end } = receiver(4);
    send(...range(1, 10));
    end();
    const taken: unknown[] = [];
    while (!inbox.isEnded()) {
      expect(inbox.size).toBeGreaterThan(0);
      expect(inbox.size).toBeLessThanOrEqual(4);
      taken.push(inbox.recv());
      await tick();
    }
    expect(taken).toEqual(range(1, 10));
  });

  test('an ordered replica counts the numbers of waiting messages as still queued', () => {
    const { reader, send } = receiver(2, true);
    send([7, 'a'], [8, 'b'], [9, 'c']);
    expect(reader.queued()).toEqual([7, 8, 9]);
  });
});
