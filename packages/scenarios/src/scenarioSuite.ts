/**
 * Behaviour every backend must show, written once. A backend's tests call
 * `scenarioSuite(target)` with a placement for each instance; the same graphs then run
 * inline, on workers, in processes, or mixed, and must give the same results.
 *
 * Instances named `sink…` are the test's collectors and always stay inline.
 */
import { describe, expect, test } from '@jest/globals';
import {
  box,
  defineComponent,
  type Graph,
  graph,
  isPlexusError,
  type NodeHandle,
  z,
} from '@plexus/core';
import { callScenarios } from './callScenarios.ts';
import { collector } from './collector.ts';
import * as C from './components.ts';
import { crossingScenarios } from './crossingScenarios.ts';
import { deathScenarios } from './deathScenarios.ts';
import { faultScenarios } from './faultScenarios.ts';
import { growingScenarios } from './growingScenarios.ts';
import { idleScenarios } from './idleScenarios.ts';
import { mailboxScenarios } from './mailboxScenarios.ts';
import { placed } from './placed.ts';
import type { ScenarioTarget } from './ScenarioTarget.ts';
import { sandboxScenarios } from './sandboxScenarios.ts';
import { sourceFrame } from './sourceFrame.ts';
import { tapScenarios } from './tapScenarios.ts';

interface Sink {
  readonly node: NodeHandle;
  readonly items: unknown[];
}

/** Declare the scenario tests for one placement. */
export function scenarioSuite(target: ScenarioTarget): void {
  const { run, add } = placed(target);
  const sink = (g: Graph, name = 'sink'): Sink => {
    const items: unknown[] = [];
    return { node: g.add(name, collector(items)), items };
  };
  const range = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const failure = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return error as Error & Record<string, unknown>;
    }
    throw new Error('expected the run to fail, but it completed');
  };

  describe(`scenarios, placed ${target.name}`, () => {
    test('a 10-stage pipeline of async and generator bodies delivers every message in order and ends when its source ends', async () => {
      const g = graph('pipeline');
      const stages = [add(g, 'count', C.Count, { params: { to: 2000 } })];
      const styles = [C.Pass, C.FastPass, C.StepPass];
      for (let i = 0; i < 10; i++) stages.push(add(g, `stage${i}`, styles[i % 3]!));
      const out = sink(g);
      g.pipeline(...stages, out.node);
      await expect(run(g)).resolves.toEqual({ status: 'completed' });
      expect(out.items).toEqual(range(1, 2000));
      for (const link of g.stats().links)
        expect([link.from, link.sent, link.delivered, link.queued]).toEqual([
          link.from,
          2000,
          2000,
          0,
        ]);
      // Eleven workers or processes start here; on two busy cores that alone can take 20 s.
    }, 90_000);

    test('records and values of every kind arrive exactly as sent, alone or batched', async () => {
      const g = graph('varied');
      const source = add(g, 'source', C.Varied);
      const pass = add(g, 'pass', C.Pass);
      const alone = sink(g, 'sinkAlone');
      const batched = sink(g, 'sinkBatched');
      g.link(source.outbox('out'), pass.inbox('in'));
      // Capacity 1 posts every message on its own; 64 lets them share batches.
      g.link(pass.outbox('out'), alone.node.inbox('in'), { capacity: 1 });
      g.link(pass.outbox('out'), batched.node.inbox('in'), { capacity: 64 });
      await run(g);
      expect(alone.items).toStrictEqual(C.variedMessages());
      expect(batched.items).toStrictEqual(C.variedMessages());
    });

    test('runs of same-shaped records arrive exactly as sent, as their shape changes', async () => {
      const g = graph('shaped');
      const source = add(g, 'source', C.Shaped);
      const out = sink(g, 'sink');
      g.link(source.outbox('out'), out.node.inbox('in'), { capacity: 64 });
      await run(g);
      expect(out.items).toStrictEqual(C.shapedRecords());
    });

    test('fan-in merges links and keeps each link in order', async () => {
      const g = graph('fan-in');
      const a = add(g, 'a', C.Tagged, { params: { source: 'a', count: 300 } });
      const b = add(g, 'b', C.Tagged, { params: { source: 'b', count: 300 } });
      const out = sink(g);
      g.link(a.outbox('out'), out.node.inbox('in'), { capacity: 3 });
      g.link(b.outbox('out'), out.node.inbox('in'), { capacity: 5 });
      await run(g);
      const records = out.items as { source: string; seq: number }[];
      expect(records).toHaveLength(600);
      for (const source of ['a', 'b']) {
        expect(records.filter((r) => r.source === source).map((r) => r.seq)).toEqual(range(0, 299));
      }
    });

    test('fan-out gives every target every message', async () => {
      const g = graph('fan-out');
      const count = add(g, 'count', C.Count, { params: { to: 500 } });
      const pass = add(g, 'pass', C.Pass);
      const sinks = [sink(g, 'sink1'), sink(g, 'sink2'), sink(g, 'sink3')];
      g.link(count.outbox('out'), pass.inbox('in'));
      for (const s of sinks) g.link(pass.outbox('out'), s.node.inbox('in'), { capacity: 7 });
      await run(g);
      for (const s of sinks) expect(s.items).toEqual(range(1, 500));
    });

    test('nested composites behave exactly as their children linked directly', async () => {
      const g = graph('nested');
      const count = add(g, 'count', C.Count, { params: { to: 100 } });
      const quad = add(g, 'quad', C.Quadruple);
      const out = sink(g);
      g.pipeline(count, quad, out.node);
      await run(g);
      expect(out.items).toEqual(range(1, 100).map((n) => n * 4));
      const links = g.stats().links.map((l) => `${l.from} -> ${l.to}`);
      expect(links).toContain('count.out -> quad/first/double.in');
      expect(links).toContain('quad/first/pass.out -> quad/second/double.in');
      expect(links).toContain('quad/second/pass.out -> sink.in');
    });

    test.each([
      ['an async', C.Count],
      ['a generator', C.StepCount],
    ])(
      'a sender (%s body) never has more than the link capacity outstanding, so a fast producer cannot outrun a slow consumer',
      async (_style, Source) => {
        const g = graph('bounded');
        // ~300 ms at 1 ms a message: long enough to be sampled on a busy machine too (a unit
        // in another process reports its counters every 50 ms).
        const count = add(g, 'count', Source, { params: { to: 300 } });
        const slow = add(g, 'slow', C.Slow, { params: { ms: 1 } });
        const out = sink(g);
        g.link(count.outbox('out'), slow.inbox('in'), { capacity: 4 });
        g.link(slow.outbox('out'), out.node.inbox('in'));
        let most = 0;
        let samples = 0;
        const poll = setInterval(() => {
          const link = g.stats().links.find((l) => l.from === 'count.out');
          if (link === undefined) return;
          samples++;
          most = Math.max(most, link.queued, link.sent - link.delivered);
        }, 2);
        try {
          await run(g);
        } finally {
          clearInterval(poll);
        }
        expect(samples).toBeGreaterThan(5);
        expect(most).toBeGreaterThan(0);
        expect(most).toBeLessThanOrEqual(4);
        expect(out.items).toEqual(range(1, 300));
      },
    );

    test('the receiving inbox never holds more than the link capacity, however fast the sender', async () => {
      let most = 0;
      const SlowSink = defineComponent({
        name: 'SlowSink',
        description: 'Takes one message per macrotask, watching its inbox.',
        inboxes: { in: box(z.number(), 'Numbers.') },
        async body({ inbox }) {
          while (await inbox.in.wait()) {
            most = Math.max(most, inbox.in.size);
            inbox.in.recv();
            await new Promise((resolve) => setImmediate(resolve));
          }
        },
      });
      const g = graph('bounded-inbox');
      add(g, 'count', C.Count, { params: { to: 2000 } });
      g.add('sink-slow', SlowSink);
      g.link('count.out', 'sink-slow.in', { capacity: 16 });
      await run(g);
      // Across a boundary, batches arrive at half the capacity: the inbox fills at least that far.
      expect(most).toBeGreaterThanOrEqual(8);
      expect(most).toBeLessThanOrEqual(16);
    });

    test('a component sees the end of its inbox only after every message has arrived', async () => {
      const g = graph('sum');
      const out = sink(g);
      g.pipeline(add(g, 'count', C.Count, { params: { to: 100 } }), add(g, 'sum', C.Sum), out.node);
      await run(g);
      expect(out.items).toEqual([5050]);
    });

    test('a failing component fails the run with an error naming it, its type, backend, box and message', async () => {
      const g = graph('failing');
      const out = sink(g);
      g.pipeline(
        add(g, 'count', C.Count),
        add(g, 'picky', C.FailOn, { params: { value: 5 } }),
        out.node,
      );
      const error = await failure(run(g));
      expect(isPlexusError(error, 'ERR_COMPONENT_FAILED')).toBe(true);
      expect(error).toMatchObject({ component: 'picky', type: 'FailOn', box: 'in', involved: '5' });
      expect(error.backend).toBe(target.place('picky').backend ?? 'inline');
      expect(error.message).toContain("Component 'picky' (FailOn, ");
      expect(error.message).toContain('RangeError: refusing 5');
      // The first frame is the line that threw, in the component's own TypeScript file.
      expect(error.stack?.split('\n')[1]).toContain(
        `scenarios/src/${sourceFrame('new RangeError(`refusing')})`,
      );
      // A failure stops the graph at once: the sink saw some of 1…4, in order, and nothing after.
      expect(out.items).toEqual([1, 2, 3, 4].slice(0, out.items.length));
    });

    test('stop() ends a running graph, which resolves as stopped', async () => {
      const g = graph('stop');
      const out = sink(g);
      g.pipeline(
        add(g, 'forever', C.Forever),
        add(g, 'pass', C.Pass),
        add(g, 'step', C.StepPass),
        out.node,
      );
      const done = run(g);
      await until(() => out.items.length >= 20);
      await g.stop();
      await expect(done).resolves.toEqual({ status: 'stopped' });
      expect(g.stats().components.every((c) => c.state === 'stopped' || c.state === 'ended')).toBe(
        true,
      );
    });

    test('a graceful stop delivers everything the sources had already sent', async () => {
      // A small capacity: what is in flight at the stop drains through 'slow' at 1 ms each.
      const g = graph('graceful', { capacity: 4 });
      const out = sink(g);
      g.pipeline(
        add(g, 'forever', C.Forever),
        add(g, 'slow', C.Slow, { params: { ms: 1 } }),
        out.node,
      );
      const done = run(g);
      await until(() => out.items.length >= 5);
      await g.stop({ graceful: true });
      await expect(done).resolves.toEqual({ status: 'stopped' });
      const sent = g.stats().links.find((l) => l.from === 'forever.out')!.sent;
      expect(out.items).toEqual(range(0, sent - 1));
      for (const link of g.stats().links) expect(link.delivered).toBe(link.sent);
    });

    test('when every receiver has ended, the sender is stopped, as by a broken pipe', async () => {
      const g = graph('broken-pipe');
      const out = sink(g);
      g.pipeline(
        add(g, 'forever', C.Forever),
        add(g, 'take', C.Take, { params: { n: 5 } }),
        out.node,
      );
      await expect(run(g)).resolves.toEqual({ status: 'completed' });
      expect(out.items).toEqual([0, 1, 2, 3, 4]);
      expect(g.stats().components.find((c) => c.name === 'forever')).toMatchObject({
        state: 'stopped',
        reason: 'downstream-ended',
      });
    });

    test('checked mode: changing a message after sending it fails loudly', async () => {
      const g = graph('mutate');
      const out = sink(g);
      g.pipeline(add(g, 'mutator', C.MutateAfterSend), out.node);
      const error = await failure(run(g));
      expect(error.component).toBe('mutator');
      expect(error.message).toMatch(/read.only|immutable/i);
    });

    test('checked mode: a message that cannot cross a boundary fails at send, naming where', async () => {
      const g = graph('function');
      const out = sink(g);
      g.pipeline(add(g, 'sender', C.SendFunction), out.node);
      const error = await failure(run(g));
      expect(error.component).toBe('sender');
      expect(error.message).toContain(
        'cannot cross a thread or process boundary: message.run is a function',
      );
      expect(out.items).toEqual([]);
    });

    test('sending into an unlinked outbox fails, naming the outbox and the fix', async () => {
      const g = graph('unlinked');
      const out = sink(g);
      g.link(add(g, 'chatty', C.Chatty).outbox('out'), out.node.inbox('in'));
      const error = await failure(run(g));
      expect(error.message).toContain(
        "sent a message on outbox 'log', which is not linked to anything",
      );
      expect(error.message).toContain('optional');
    });

    test('components and links can be added while the graph runs', async () => {
      const g = graph('dynamic');
      const count = add(g, 'count', C.Count, { params: { to: 100 } });
      const slow = add(g, 'slow', C.Slow, { params: { ms: 1 } });
      const pass = add(g, 'pass', C.Pass);
      const out = sink(g);
      g.pipeline(count, slow, pass, out.node);
      const done = run(g);
      const extra = add(g, 'extra', C.Emit, { params: { items: ['x', 'y'] } });
      g.link(extra.outbox('out'), pass.inbox('in'));
      await done;
      expect(out.items.filter((m) => typeof m === 'number')).toEqual(range(1, 100));
      expect(out.items.filter((m) => typeof m === 'string')).toEqual(['x', 'y']);
    });

    test('every component reports its start and end, and link counters agree at completion', async () => {
      const g = graph('observed');
      const events: string[] = [];
      g.on('component:start', (c) => events.push(`start ${c.name} ${c.backend}`));
      g.on('component:end', (c) => events.push(`end ${c.name} ${c.state}`));
      const out = sink(g);
      g.pipeline(
        add(g, 'count', C.Count, { params: { to: 50 } }),
        add(g, 'double', C.Double),
        out.node,
      );
      await run(g);
      for (const name of ['count', 'double']) {
        expect(events).toContain(`start ${name} ${target.place(name).backend ?? 'inline'}`);
        expect(events).toContain(`end ${name} ended`);
      }
      expect(g.stats().links.map((l) => [l.sent, l.delivered])).toEqual([
        [50, 50],
        [50, 50],
      ]);
    });

    test('a transferred buffer moves: the receiver gets the bytes, the sender is left with none', async () => {
      const g = graph('transfer');
      const bytes = sink(g, 'sinkBytes');
      const after = sink(g, 'sinkAfter');
      const sender = add(g, 'sender', C.TransferBytes);
      g.link(sender.outbox('out'), bytes.node.inbox('in'));
      g.link(sender.outbox('after'), after.node.inbox('in'));
      await run(g);
      const received = bytes.items[0] as Uint8Array;
      expect(received.byteLength).toBe(1024);
      expect(received.every((b) => b === 7)).toBe(true);
      expect(after.items).toEqual([0]);
    });
  });
  faultScenarios(target);
  tapScenarios(target);
  sandboxScenarios(target);
  crossingScenarios(target);
  deathScenarios(target);
  mailboxScenarios(target);
  callScenarios(target);
  growingScenarios(target);
  idleScenarios(target);
}

/** Resolve once `condition()` holds (checked every few milliseconds). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}
