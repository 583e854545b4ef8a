/**
 * Watching a run: `run({ inspect })` attaches an inspector before any component starts; a tap
 * samples a link's messages within its limits and renders each as bounded text; a component
 * being restarted says so; a body can read the run's counters.
 */
import { describe, expect, test } from '@jest/globals';
import {
  box,
  defineComponent,
  type Graph,
  graph,
  type RunInspector,
  type TapOptions,
  type TapSample,
  z,
} from '@plexus/core';
import { collector } from '@plexus/scenarios';
import { Count, Emit, Pass } from '@plexus/scenarios/components';
import { CrashOn } from '@plexus/scenarios/faults';
import { sampleText } from '../src/internal/tap/sampleText.ts';

const Spaced = defineComponent({
  name: 'Spaced',
  description: 'Sends 1 to `count`, waiting `ms` before each.',
  outboxes: { out: box(z.number(), 'The numbers.') },
  params: z.object({ count: z.number(), ms: z.number() }),
  async body({ outbox, params }) {
    for (let i = 1; i <= params.count; i++) {
      await new Promise((resolve) => setTimeout(resolve, params.ms));
      await outbox.out.send(i);
    }
  },
});

/** Run `g`, tapping the link into `to` from the start; `onSample` may return false to stop the tap. */
async function tapped(
  g: Graph,
  to: string,
  options: TapOptions,
  onSample: (sample: TapSample) => boolean = () => true,
): Promise<TapSample[]> {
  const samples: TapSample[] = [];
  const id = g.stats().links.find((l) => l.to === to)!.id;
  await g.run({
    inspect: {
      attach({ tap }) {
        const untap = tap(id, options, (sample) => {
          samples.push(sample);
          if (!onSample(sample)) untap();
        });
      },
    },
  });
  return samples;
}

describe('run({ inspect })', () => {
  test('attaches the inspector once, before any component starts, with the graph itself', async () => {
    const g = graph('watched');
    g.pipeline(g.add('count', Count, { params: { to: 3 } }), g.add('sink', collector([])));
    const seen: string[] = [];
    const inspect: RunInspector = {
      attach(run) {
        seen.push(`attached to ${run.graph === g ? 'the graph' : 'something else'}`);
        run.graph.on('component:start', (info) => seen.push(`start ${info.name}`));
      },
    };
    await g.run({ inspect });
    expect(seen).toEqual(['attached to the graph', 'start count', 'start sink']);
  });

  test('a tap samples at most one message per `every` milliseconds', async () => {
    const g = graph('tapped');
    g.pipeline(g.add('count', Count, { params: { to: 500 } }), g.add('sink', collector([])));
    const samples = await tapped(g, 'sink.in', { every: 60_000 });
    expect(samples).toEqual([
      { link: expect.any(Number), at: expect.any(Number), seq: 1, text: '1', truncated: false },
    ]);
  });

  test('a tap sees every message that comes slower than its limit, until it is removed', async () => {
    const all = graph('all');
    all.pipeline(
      all.add('src', Spaced, { params: { count: 5, ms: 20 } }),
      all.add('sink', collector([])),
    );
    expect((await tapped(all, 'sink.in', { every: 10 })).map((s) => s.text)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    const first = graph('first');
    first.pipeline(
      first.add('src', Spaced, { params: { count: 5, ms: 20 } }),
      first.add('sink', collector([])),
    );
    const samples = await tapped(first, 'sink.in', { every: 10 }, () => false);
    expect(samples.map((s) => s.text)).toEqual(['1']);
  });

  test("a tap cuts each message's text to its maxChars", async () => {
    const g = graph('big');
    const big = { name: 'x'.repeat(10_000), list: Array.from({ length: 1000 }, (_, i) => i) };
    g.pipeline(g.add('emit', Emit, { params: { items: [big] } }), g.add('sink', collector([])));
    const [sample] = await tapped(g, 'sink.in', { maxChars: 50 });
    expect(sample!.text).toHaveLength(50);
    expect(sample!.text).toBe(`{"name": "${'x'.repeat(39)}…`);
    expect(sample!.truncated).toBe(true);
  });

  test('a tap on a link that does not exist gives no samples and does not disturb the run', async () => {
    const g = graph('none');
    const items: number[] = [];
    g.pipeline(g.add('count', Count, { params: { to: 5 } }), g.add('sink', collector(items)));
    const samples: TapSample[] = [];
    await g.run({ inspect: { attach: ({ tap }) => void tap(9999, {}, (s) => samples.push(s)) } });
    expect(samples).toEqual([]);
    expect(items).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('what a run tells about its components', () => {
  test('a component being restarted says so until its body runs again', async () => {
    const g = graph('restarts');
    const seen: unknown[] = [];
    g.on('component:restart', () =>
      seen.push(g.stats().components.find((c) => c.name === 'flaky')?.restarting),
    );
    g.pipeline(
      g.add('count', Count, { params: { to: 5 } }),
      g.add('flaky', CrashOn, { params: { value: 2, key: 'observation' }, supervise: {} }),
      g.add('sink', collector([])),
    );
    await g.run();
    expect(seen).toEqual([true]);
    expect(g.stats().components.find((c) => c.name === 'flaky')).not.toHaveProperty('restarting');
  });

  test("a body reads the run's counters with ctx.stats()", async () => {
    const Watch = defineComponent({
      name: 'Watch',
      description: 'Sends the names of the components of its run, once.',
      outboxes: { out: box(z.array(z.string()), 'Names.') },
      async body({ outbox, stats }) {
        await outbox.out.send(stats().components.map((c) => c.name));
      },
    });
    const items: string[][] = [];
    const g = graph('self');
    g.add('other', Pass);
    g.link(g.add('emit', Emit, { params: { items: [] } }).outbox('out'), 'other.in');
    g.link(g.add('watch', Watch).outbox('out'), g.add('sink', collector(items)).inbox('in'));
    await g.run();
    expect(items).toEqual([['other', 'emit', 'watch', 'sink']]);
  });
});

describe('sampleText', () => {
  test('shows what JSON cannot: maps, sets, bytes, bigints, dates, undefined', () => {
    const value = {
      map: new Map([['a', 1]]),
      set: new Set([1, 2]),
      bytes: new Uint8Array([1, 2, 3]),
      big: 12n,
      when: new Date(0),
      none: undefined,
      buffer: new ArrayBuffer(8),
    };
    expect(sampleText(value, 1000)).toEqual({
      text: '{"map": Map(1) {"a" => 1}, "set": Set(2) [1, 2], "bytes": Uint8Array(3) [1, 2, 3], "big": 12n, "when": 1970-01-01T00:00:00.000Z, "none": undefined, "buffer": ArrayBuffer(8 bytes)}',
      truncated: false,
    });
  });

  test('reads only as much of a huge message as its text can hold', () => {
    let reads = 0;
    const huge = new Proxy(
      Array.from({ length: 1_000_000 }, (_, i) => i),
      {
        get(target, key, receiver) {
          reads++;
          return Reflect.get(target, key, receiver);
        },
      },
    );
    const { text, truncated } = sampleText(huge, 40);
    expect(text).toBe('[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …');
    expect(truncated).toBe(true);
    expect(reads).toBeLessThan(100);
  });

  test('cuts deep nesting and cycles', () => {
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle.self = cycle;
    const { text } = sampleText(cycle, 10_000);
    expect(text).toMatch(/^\{"name": "loop", "self": \{"name": "loop", "self": .*…/);
    expect(text.length).toBeLessThan(300);
  });
});
