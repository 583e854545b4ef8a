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
import { PortSink } from '../src/internal/boundary/PortSink.ts';
import type { LinkSource } from '../src/internal/Sink.ts';

/** The sending end of a boundary link of `capacity`, over an endpoint the test drives. */
function sender(capacity: number, writesPlainData = false) {
  const posted: unknown[] = [];
  let deliver: (data: unknown) => void = () => {};
  const endpoint: Endpoint = {
    writesPlainData,
    postMessage: (message) => posted.push(structuredClone(message)),
    addEventListener: (type, listener) => {
      if (type === 'message') deliver = (data) => listener({ data });
    },
    close: () => {},
  };
  const removed: unknown[] = [];
  const source = {
    name: 'out',
    owner: { name: 'source', linkBroken() {} },
    removeLink: (sink: unknown) => removed.push(sink) > 0,
  } as unknown as LinkSource;
  const sink = new PortSink(1, endpoint, capacity, source, 'sink.in');
  return {
    sink,
    posted,
    removed,
    credit: (n: number) => deliver([CREDIT, n]),
    unlink: () => deliver([UNLINK]),
  };
}

describe('the sending end of a link across a boundary', () => {
  test('accepts messages while it has credits, then posts what it batched', () => {
    const { sink, posted } = sender(4);
    for (let i = 1; i <= 4; i++) {
      expect(sink.hasSpace()).toBe(true);
      sink.push(i);
    }
    expect(sink.hasSpace()).toBe(false);
    expect(posted).toEqual([
      [DATA, [1, 2]],
      [DATA, [3, 4]],
    ]);
  });

  test('closed, it posts what it batched and then the end of the stream', () => {
    const { sink, posted } = sender(8);
    sink.push(1);
    sink.close();
    expect(posted).toEqual([[DATA, [1]], [END]]);
  });

  test('unlinked by the receiving side, it leaves its outbox and ends after what it batched', () => {
    const { sink, posted, removed, unlink } = sender(8);
    sink.push(1);
    unlink();
    expect(removed).toEqual([sink]);
    expect(posted).toEqual([[DATA, [1]], [END]]);
    expect(sink.info().closed).toBe(true);
  });

  test('cut off (its sender failed, or a hard stop), it posts what it batched and no end', () => {
    const { sink, posted } = sender(8);
    sink.push(1);
    sink.abort();
    sink.close();
    expect(posted).toEqual([[DATA, [1]]]);
    expect(sink.info().closed).toBe(true);
  });

  test('a sender waiting for credits is woken within the task that delivered them', async () => {
    const { sink, credit } = sender(2);
    sink.push(1);
    sink.push(2);
    let woken = false;
    sink.spaceWaiter = () => {
      woken = true;
    };
    credit(2);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(woken).toBe(true);
    expect(sink.available).toBe(2);
  });

  test('a batch of flat records of one shape is posted as columns: keys once, then the values', () => {
    const { sink, posted } = sender(4);
    sink.push({ seq: 1, ok: true });
    sink.push({ seq: 2, ok: false });
    expect(posted).toEqual([[COLUMNS, '["seq","ok"]', '[1,true,2,false]']]);
  });

  test('a batch of plain records of mixed shapes is posted as JSON text; anything else, as a clone', () => {
    const { sink, posted } = sender(6);
    sink.push({ seq: 1, ok: true });
    sink.push({ seq: 2, at: { x: 1 } });
    sink.push({ ok: false, seq: 3 });
    sink.push({ seq: 4, ok: true });
    sink.push({ seq: 5, at: new Date(0) });
    sink.push({ seq: 6 });
    expect(posted).toEqual([
      [RECORDS, '[{"seq":1,"ok":true},{"seq":2,"at":{"x":1}},{"ok":false,"seq":3}]'],
      [DATA, [{ seq: 4, ok: true }, { seq: 5, at: new Date(0) }, { seq: 6 }]],
    ]);
  });

  test('ordered replica output (numbered messages) never crosses as columns', () => {
    const { sink, posted } = sender(4);
    sink.tagger = { seq: 9 };
    sink.push({ seq: 1 });
    sink.push({ seq: 2 });
    expect(posted).toEqual([[RECORDS, '[[9,{"seq":1}],[9,{"seq":2}]]']]);
  });

  test('an endpoint that writes plain data itself (a socket) gets batches of records as they are', () => {
    const { sink, posted } = sender(4, true);
    sink.push({ seq: 1 });
    sink.push({ seq: 2 });
    expect(posted).toEqual([[DATA, [{ seq: 1 }, { seq: 2 }]]]);
  });
});
