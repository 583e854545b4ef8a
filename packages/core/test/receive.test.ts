import { describe, expect, test } from '@jest/globals';
import {
  box,
  call,
  callBox,
  defineComponent,
  graph,
  isPlexusError,
  replyBox,
  serve,
  z,
} from '@plexus/core';
import { collector } from '@plexus/scenarios';
import { Emit } from '@plexus/scenarios/components';

const Picker = (pick: (ctx: { inbox: { in: any } }) => Promise<unknown[]>) =>
  defineComponent({
    name: 'Picker',
    description: 'Runs the test body against its inbox and sends what it got.',
    inboxes: { in: box(z.unknown(), 'Anything.') },
    outboxes: { out: box(z.unknown(), 'What the body picked.') },
    async body({ inbox, outbox }) {
      for (const got of await pick({ inbox })) await outbox.out.send(got);
    },
  });

async function picked(
  feeds: unknown[][],
  pick: Parameters<typeof Picker>[0],
  options: { stopAfter?: number } = {},
) {
  const g = graph('pick');
  const out: unknown[] = [];
  const picker = g.add('picker', Picker(pick));
  feeds.forEach((items, i) => {
    g.link(g.add(`feed${i}`, Emit, { params: { items } }).outbox('out'), picker.inbox('in'));
  });
  g.link(picker.outbox('out'), g.add('sink', collector(out)).inbox('in'));
  const done = g.run({ checked: true });
  if (options.stopAfter !== undefined) {
    await new Promise((resolve) => setTimeout(resolve, options.stopAfter));
    await g.stop();
  }
  return { result: await done, out, g };
}

describe('selective receive', () => {
  test('with fan-in, the first message of every link is tested before the second of any', async () => {
    const { out } = await picked([['a1', 'x1'], ['x2']], async ({ inbox }) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const got = [await inbox.in.receive((m: string) => m.startsWith('x'))];
      for await (const m of inbox.in) got.push(m);
      return got;
    });
    // x2 heads its link; x1 is second in its own, behind a1.
    expect(out[0]).toBe('x2');
    expect(out.slice(1)).toEqual(['a1', 'x1']);
  });

  test('a match that is neither a function nor a schema fails the component with ERR_BAD_MATCH', async () => {
    const g = graph('bad');
    const picker = g.add(
      'picker',
      Picker(async ({ inbox }) => [await inbox.in.receive('x' as never)]),
    );
    g.link(g.add('feed', Emit, { params: { items: [1] } }).outbox('out'), picker.inbox('in'));
    g.link(picker.outbox('out'), g.add('sink', collector([])).inbox('in'));
    const error = (await g.run().catch((e: unknown) => e)) as Error & { cause?: unknown };
    expect(isPlexusError(error, 'ERR_COMPONENT_FAILED')).toBe(true);
    expect(isPlexusError(error.cause, 'ERR_BAD_MATCH')).toBe(true);
    expect(error.message).toContain(
      "called receive() on inbox 'in' with string; pass a predicate function or a zod schema",
    );
  });

  test('stop() ends a component waiting for a match', async () => {
    const Hold = defineComponent({
      name: 'Hold',
      description: 'Sends one message and keeps its link open until stopped.',
      outboxes: { out: box(z.number(), 'One number.') },
      async body({ outbox, signal }) {
        await outbox.out.send(1);
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
      },
    });
    const g = graph('stop');
    const picker = g.add(
      'picker',
      Picker(async ({ inbox }) => [await inbox.in.receive(z.string())]),
    );
    g.link(g.add('hold', Hold).outbox('out'), picker.inbox('in'));
    g.link(picker.outbox('out'), g.add('sink', collector([])).inbox('in'));
    const done = g.run();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(g.stats().components.find((c) => c.name === 'picker')?.waiting).toBe(
      "inbox 'in' for a message that matches (1 queued, none matching)",
    );
    await g.stop();
    await expect(done).resolves.toEqual({ status: 'stopped' });
  });
});

describe('calls', () => {
  const asks = callBox(z.number(), 'Numbers.');
  const replies = replyBox(z.number(), 'Numbers.');
  const Slow = defineComponent({
    name: 'SlowDouble',
    description: 'Answers n with 2 n, after `ms`.',
    inboxes: { in: asks },
    outboxes: { out: replies },
    params: z.object({ ms: z.number() }),
    async body({ inbox, outbox, params }) {
      await serve(inbox.in, outbox.out, async (n) => {
        await new Promise((resolve) => setTimeout(resolve, n === 1 ? params.ms : 0));
        return n * 2;
      });
    },
  });
  const Caller = defineComponent({
    name: 'Caller',
    description: 'Calls with each of `ns`, reporting replies or error codes.',
    inboxes: { answers: replies },
    outboxes: { ask: asks, out: box(z.unknown(), 'Outcomes.') },
    params: z.object({ ns: z.array(z.number()), timeouts: z.array(z.number()) }),
    async body({ inbox, outbox, params }) {
      for (const [i, n] of params.ns.entries()) {
        const timeout = params.timeouts[i] ?? 5000;
        const got = await call(outbox.ask, n, { reply: inbox.answers, timeout })
          .then((r) => r)
          .catch((e: { code: string }) => e.code);
        await outbox.out.send(got);
      }
      // What is left on the reply inbox: late replies were dropped, none wait.
      await outbox.out.send(`left ${inbox.answers.size}`);
    },
  });

  test('a late reply to a call that timed out is dropped, not taken for the next call', async () => {
    const g = graph('late');
    const out: unknown[] = [];
    const caller = g.add('caller', Caller, { params: { ns: [1, 2, 3], timeouts: [50] } });
    const server = g.add('server', Slow, { params: { ms: 150 } });
    g.link(caller.outbox('ask'), server.inbox('in'));
    g.link(server.outbox('out'), caller.inbox('answers'));
    g.link(caller.outbox('out'), g.add('sink', collector(out)).inbox('in'));
    await g.run({ checked: true });
    // The reply to 1 comes (at ~150 ms) while the call for 2 waits: it is dropped.
    expect(out).toEqual(['ERR_CALL_TIMEOUT', 4, 6, 'left 0']);
  });

  test('two callers sharing one server (replies fanned out) each get their own replies', async () => {
    const g = graph('shared');
    const outA: unknown[] = [];
    const outB: unknown[] = [];
    const server = g.add('server', Slow, { params: { ms: 0 } });
    for (const [name, ns, out] of [
      ['a', [1, 2, 3], outA],
      ['b', [10, 20], outB],
    ] as const) {
      const caller = g.add(name, Caller, { params: { ns: [...ns], timeouts: [] } });
      g.link(caller.outbox('ask'), server.inbox('in'));
      g.link(server.outbox('out'), caller.inbox('answers'));
      g.link(caller.outbox('out'), g.add(`sink-${name}`, collector(out)).inbox('in'));
    }
    await g.run({ checked: true });
    expect(outA.slice(0, 3)).toEqual([2, 4, 6]);
    expect(outB.slice(0, 2)).toEqual([20, 40]);
  });
});
