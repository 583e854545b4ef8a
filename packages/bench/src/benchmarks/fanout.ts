/**
 * fanout — one outbox linked to 8 inboxes, each message a 1,000-element array. Inline, Plexus
 * passes the reference to every target (messages are immutable); the baselines are
 * hand-written queues doing the same (the ceiling), Node streams piped to 8 writables, and
 * queues that copy the message for each target, as a system without immutable messages must.
 */
import { graph } from '@plexus/core';
import { queuesFanout } from '../baselines/queues.ts';
import { streamsFanout } from '../baselines/streams.ts';
import { Drain, Generate } from '../components/flow.ts';
import { makeArray } from '../components/messages.ts';
import { alternate, figure } from '../measure/rounds.ts';
import { ratio } from '../measure/verdict.ts';
import type { BenchContext, Benchmark, BenchResult } from './types.ts';

const TARGETS = 8;
const SIZE = 1000;
const CAPACITY = 64;

/** Send `count` arrays from one outbox to `TARGETS` inboxes; resolves with messages sent per second. */
async function plexusFanout(count: number): Promise<number> {
  const g = graph('fanout', { capacity: CAPACITY });
  const source = g.add('source', Generate, { params: { count, kind: 'array', size: SIZE } });
  for (let i = 0; i < TARGETS; i++)
    g.link(source.outbox('out'), g.add(`sink${i}`, Drain).inbox('in'));
  const start = performance.now();
  await g.run({ checked: false });
  const elapsed = performance.now() - start;
  const delivered = g.stats().links.reduce((sum, link) => sum + link.delivered, 0);
  if (delivered !== count * TARGETS)
    throw new Error(`Plexus fan-out delivered ${delivered} of ${count * TARGETS}.`);
  return (count * 1000) / elapsed;
}

export const fanout: Benchmark = {
  name: 'fanout',
  title: 'one outbox to 8 inboxes, a 1,000-element array per message, inline',
  async run(context: BenchContext): Promise<BenchResult> {
    const count = context.quick ? 10_000 : 500_000;
    // Copying costs ~10 µs per target: fewer messages keep the round short (rates compare).
    const copyCount = context.quick ? 200 : 5_000;
    const payload = makeArray(SIZE);
    const samples = await alternate(
      [
        { key: 'plexus', label: 'Plexus', run: () => plexusFanout(count) },
        {
          key: 'queues',
          label: 'hand-written queues',
          run: () => queuesFanout(count, TARGETS, payload, CAPACITY, false),
        },
        {
          key: 'streams',
          label: 'Node streams',
          run: () => streamsFanout(count, TARGETS, payload),
        },
        {
          key: 'copying',
          label: 'queues, copy per target',
          run: () => queuesFanout(copyCount, TARGETS, payload, CAPACITY, true),
        },
      ],
      context.rounds,
      context.log,
      { warmUp: !context.quick },
    );
    const plexus = figure(samples, 'plexus', 'Plexus (by reference)', 'msgs/s', 'higher');
    const queues = figure(
      samples,
      'queues',
      'hand-written queues (by reference)',
      'msgs/s',
      'higher',
    );
    const streams = figure(
      samples,
      'streams',
      'Node streams, one Readable piped to 8',
      'msgs/s',
      'higher',
    );
    const copying = figure(
      samples,
      'copying',
      'queues, structuredClone per target',
      'msgs/s',
      'higher',
    );
    return {
      name: 'fanout',
      title: fanout.title,
      params: {
        messages: count,
        copyingMessages: copyCount,
        targets: TARGETS,
        arrayLength: SIZE,
        rounds: context.rounds,
      },
      figures: [plexus, queues, streams, copying],
      verdicts: [
        ratio('Plexus ÷ hand-written queues', plexus, queues),
        ratio('Plexus ÷ Node streams', plexus, streams),
        ratio('Plexus ÷ copying queues', plexus, copying),
      ],
      notes: [
        'Rates are messages sent per second; each is delivered to all 8 inboxes.',
        `The copying queues run ${copyCount.toLocaleString('en')} messages per round (rates compare).`,
      ],
    };
  },
};
