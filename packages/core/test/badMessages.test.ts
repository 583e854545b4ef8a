/**
 * Bad messages, in checked mode: each fails at the line that sends or receives it, naming the
 * component, the box and the path inside the message — inline, exactly as on any backend.
 */
import { describe, expect, test } from '@jest/globals';
import { box, defineComponent, graph, isPlexusError, z } from '@plexus/core';
import { Emit } from '@plexus/scenarios/components';

const failure = async (message: unknown, schema: z.ZodType = z.any()) => {
  const Send = defineComponent({
    name: 'Send',
    description: 'Sends the one message it was made with.',
    outboxes: { out: box(z.any(), 'Anything.') },
    async body({ outbox }) {
      await outbox.out.send(message);
    },
  });
  const Strict = defineComponent({
    name: 'Strict',
    description: 'Receives messages of a schema.',
    inboxes: { in: box(schema, 'Messages.') },
    async body({ inbox }) {
      for await (const _ of inbox.in);
    },
  });
  const g = graph('bad');
  g.pipeline(g.add('send', Send), g.add('strict', Strict));
  return (await g.run({ checked: true }).catch((e: unknown) => e)) as Error &
    Record<string, unknown>;
};

class Point {
  constructor(readonly x: number) {}
  norm(): number {
    return Math.abs(this.x);
  }
}

describe('messages that cannot cross a boundary fail at the send, inline too', () => {
  test.each([
    [{ when: 1, run: () => 2 }, 'message.run is a function (run)'],
    [{ tags: [Symbol('a')] }, 'message.tags[0] is a symbol (Symbol(a))'],
    [{ at: new Point(3) }, 'message.at is an instance of class Point'],
    [new Map([['k', { f: Math.max }]]), 'message.get("k").f is a function (max)'],
  ])('%p', async (message, where) => {
    const error = await failure(message);
    expect(isPlexusError(error, 'ERR_COMPONENT_FAILED')).toBe(true);
    expect(error).toMatchObject({ component: 'send', box: 'out' });
    expect(error.message).toContain(
      `Component 'send' (Send, inline) sent a message on outbox 'out' that cannot cross a thread or process boundary: ${where}`,
    );
  });
});

describe('a message that does not fit an inbox schema', () => {
  test('names the component, the inbox, the sender and the path inside the message', async () => {
    const error = await failure(
      { user: { name: 'ada', age: 'forty' } },
      z.object({ user: z.object({ name: z.string(), age: z.number() }) }),
    );
    expect(error).toMatchObject({ component: 'strict', box: 'in' });
    expect(error.message).toMatch(
      /^Component 'strict' \(Strict, inline\) received on inbox 'in' a message from 'send\.out' that does not fit the inbox's schema: at 'user\.age': expected number, received string\./,
    );
  });
});

describe('a body that throws synchronously', () => {
  test('fails the graph like one that rejects', async () => {
    const Sync = defineComponent({
      name: 'Sync',
      description: 'Throws before it ever awaits.',
      inboxes: { in: box(z.any(), 'Anything.') },
      body() {
        throw new TypeError('not even once');
      },
    });
    const g = graph('sync');
    g.pipeline(g.add('emit', Emit, { params: { items: [1] } }), g.add('sync', Sync));
    const error = (await g.run().catch((e: unknown) => e)) as Error;
    expect(isPlexusError(error, 'ERR_COMPONENT_FAILED')).toBe(true);
    expect(error.message).toBe("Component 'sync' (Sync, inline) failed: TypeError: not even once.");
  });
});
