import { afterEach, describe, expect, test } from '@jest/globals';
import { box, defineComponent, graph, isPlexusError, runComponent, z } from '@plexus/core';
import { collector } from '@plexus/scenarios';
import { Emit } from '@plexus/scenarios/components';

/** A component that sends `make()` and then runs `after(message)` on what it sent. */
function sender<T>(
  make: () => T,
  after: (message: T) => void = () => {},
  schema: z.ZodType = z.any(),
) {
  return defineComponent({
    name: 'Sender',
    description: 'Sends one message, then does something to it.',
    outboxes: { out: box(schema, 'One message.') },
    async body({ outbox }) {
      const message = make();
      await outbox.out.send(message as never);
      after(message);
    },
  });
}

async function failureOf(
  definition: ReturnType<typeof sender>,
  checked = true,
): Promise<Error & Record<string, unknown>> {
  try {
    await runComponent(definition, {}, { checked });
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the run to fail');
}

describe('checked mode: messages fit their schemas', () => {
  test('a send that does not fit the outbox schema fails, naming the path inside the message', async () => {
    const error = await failureOf(
      sender(
        () => ({ name: 'x', tags: ['a', 2] }),
        undefined,
        z.object({ name: z.string(), tags: z.array(z.string()) }),
      ),
    );
    expect(error.message).toBe(
      `Component 'Sender' (Sender, inline) sent a message on outbox 'out' that does not fit its schema: at 'tags[1]': expected string, received number. The message was {"name":"x","tags":["a",2]}. Fix the component, or widen the outbox's schema.`,
    );
    expect(error.cause).toMatchObject({ code: 'ERR_SCHEMA', box: 'out' });
  });

  test('a message that does not fit the receiving inbox fails there, naming the sender', async () => {
    const Strict = defineComponent({
      name: 'Strict',
      description: 'Takes only strings.',
      inboxes: { in: box(z.string(), 'Strings.') },
      async body({ inbox }) {
        for await (const _ of inbox.in);
      },
    });
    const g = graph();
    g.add('emit', Emit, { params: { items: ['ok', 42] } });
    g.link('emit.out', g.add('strict', Strict).inbox('in'));
    const error = await g.run().catch((e: Error) => e);
    expect((error as Error).message).toContain(
      "Component 'strict' (Strict, inline) received on inbox 'in' a message from 'emit.out' that does not fit the inbox's schema: at the message: expected string, received number.",
    );
  });

  test('fast mode skips the checks', async () => {
    const { out } = await runComponent(
      sender(() => 42, undefined, z.string()),
      {},
      { checked: false },
    );
    expect(out).toEqual([42]);
  });
});

describe('checked mode: messages are immutable once sent', () => {
  test.each([
    [
      'an object',
      () => ({ n: 1 }),
      (m: { n: number }) => {
        m.n = 2;
      },
      /Cannot assign to read only property 'n'/,
    ],
    [
      'an array',
      () => [1, 2],
      (m: number[]) => void m.push(3),
      /not extensible|Cannot add property/,
    ],
    [
      'a nested object',
      () => ({ inner: { n: 1 } }),
      (m: { inner: { n: number } }) => {
        m.inner.n = 2;
      },
      /read only property 'n'/,
    ],
    [
      'a Map',
      () => new Map([['a', 1]]),
      (m: Map<string, number>) => void m.set('b', 2),
      /Cannot modify a Map that was sent as a message/,
    ],
    [
      'a Set',
      () => new Set([1]),
      (m: Set<number>) => void m.add(2),
      /Cannot modify a Set that was sent as a message/,
    ],
    [
      'a Date',
      () => new Date(0),
      (m: Date) => void m.setFullYear(2000),
      /Cannot modify a Date that was sent as a message/,
    ],
  ] as const)(
    'changing %s after sending it fails loudly, with the fix',
    async (_, make, mutate, expected) => {
      const error = await failureOf(sender(make as () => unknown, mutate as (m: unknown) => void));
      expect(error.message).toMatch(expected);
      expect(error.message).toContain('messages are immutable once sent');
    },
  );

  test('changing binary data after sending it fails at the receiver, naming the sender and where', async () => {
    const Bytes = sender(
      () => ({ data: new Uint8Array([1, 2, 3]) }),
      (m) => {
        m.data[0] = 9;
      },
    );
    const g = graph();
    const slow = defineComponent({
      name: 'Late',
      description: 'Reads after a moment.',
      inboxes: { in: box(z.any(), 'Anything.') },
      async body({ inbox }) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        for await (const _ of inbox.in);
      },
    });
    g.link(g.add('bytes', Bytes).outbox('out'), g.add('late', slow).inbox('in'));
    const error = await g.run().catch((e: Error) => e);
    expect((error as Error).message).toContain(
      "Component 'late' (Late, inline) received on inbox 'in' a message whose binary data at message.data changed after 'bytes.out' sent it.",
    );
  });

  test('a receiver cannot change what it received either (other receivers share it)', async () => {
    const Changer = defineComponent({
      name: 'Changer',
      description: 'Tries to change what it receives.',
      inboxes: { in: box(z.any(), 'Records.') },
      async body({ inbox }) {
        for await (const record of inbox.in) record.seen = true;
      },
    });
    await expect(runComponent(Changer, { in: [{ n: 1 }] })).rejects.toThrow(
      /Cannot add property seen.*messages are immutable once sent/,
    );
  });

  test('in fast mode nothing is frozen, and an inline receiver shares the very object sent', async () => {
    const kept: unknown[] = [];
    const g = graph();
    g.link(
      g
        .add(
          'sender',
          sender(() => ({ n: 1 })),
        )
        .outbox('out'),
      g.add('sink', collector(kept)).inbox('in'),
    );
    await g.run({ checked: false });
    expect(Object.isFrozen(kept[0])).toBe(false);
  });
});

describe('checked mode: messages can cross a thread or process boundary', () => {
  class Point {
    constructor(readonly x: number) {}
    norm() {
      return Math.abs(this.x);
    }
  }
  test.each([
    ['a function', () => ({ f() {} }), 'message.f is a function (f)'],
    ['a symbol', () => ({ s: Symbol('x') }), 'message.s is a symbol (Symbol(x))'],
    [
      'a class instance',
      () => ({ at: [new Point(1)] }),
      'message.at[0] is an instance of class Point, which would arrive on another thread as a plain object without its methods',
    ],
    [
      'a symbol-keyed property',
      () => ({ [Symbol('k')]: 1 }),
      'message is an object with symbol-keyed properties',
    ],
    ['a function inside a Map', () => new Map([['k', () => 1]]), 'message.get("k") is a function'],
  ])('%s fails at send, naming where it is', async (_, make, expected) => {
    const error = await failureOf(sender(make as () => unknown));
    expect(error.message).toContain(`cannot cross a thread or process boundary: ${expected}`);
  });

  test('what structured clone carries is accepted: Map, Set, Date, RegExp, BigInt, typed arrays, cycles', async () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const message = {
      map: new Map([[1, 'a']]),
      set: new Set(['x']),
      when: new Date(0),
      pattern: /a+/g,
      big: 10n,
      bytes: new Float64Array([1.5]),
      error: new RangeError('kept'),
      cyclic,
    };
    const { out } = await runComponent(sender(() => message));
    expect(out[0]).toBe(message);
  });
});

describe('checked mode default', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env.NODE_ENV = saved.NODE_ENV;
    if (saved.PLEXUS_CHECKED === undefined) delete process.env.PLEXUS_CHECKED;
    else process.env.PLEXUS_CHECKED = saved.PLEXUS_CHECKED;
  });

  const mutating = () => {
    const Mutating = sender(
      () => ({ n: 1 }),
      (m) => {
        m.n = 2;
      },
    );
    const g = graph();
    g.link(g.add('sender', Mutating).outbox('out'), g.add('sink', collector([])).inbox('in'));
    return g.run();
  };

  test('is on under NODE_ENV=test (jest sets it)', async () => {
    expect(process.env.NODE_ENV).toBe('test');
    await expect(mutating()).rejects.toThrow('read only');
  });

  test('is off in production unless PLEXUS_CHECKED=1, and PLEXUS_CHECKED=0 turns it off anywhere', async () => {
    process.env.NODE_ENV = 'production';
    await expect(mutating()).resolves.toEqual({ status: 'completed' });
    process.env.PLEXUS_CHECKED = '1';
    await expect(mutating()).rejects.toThrow('read only');
    process.env.NODE_ENV = 'test';
    process.env.PLEXUS_CHECKED = '0';
    await expect(mutating()).resolves.toEqual({ status: 'completed' });
  });
});

test('errors from checks are Plexus errors with codes', async () => {
  const error = await failureOf(sender(() => () => 1));
  expect(isPlexusError(error.cause, 'ERR_NOT_CLONEABLE')).toBe(true);
});
