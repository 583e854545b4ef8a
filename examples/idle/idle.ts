/**
 * Idle priority (Erlang's `low` priority, the python-ideas "idletasks"): the main job prints a
 * report line per number, and a second component compresses the same lines — but only when
 * the job has nothing to do, so it never slows it down. Its notes therefore always come after
 * every line of the job; at normal priority they would come between them.
 */
import { deflateSync } from 'node:zlib';
import { box, defineComponent, type Graph, graph, type Placement, z } from '@plexus/core';

/** The numbers 1…`to`. */
export const Numbers = defineComponent({
  name: 'Numbers',
  description: 'Sends 1 to `to`.',
  outboxes: { out: box(z.number(), 'Numbers.') },
  params: z.object({ to: z.number().int() }),
  async body({ outbox, params }) {
    for (let n = 1; n <= params.to; n++) await outbox.out.send(n);
  },
});

/** One report line per number. */
export const Describe = defineComponent({
  name: 'Describe',
  description: 'Turns a number into a line saying its square.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { out: box(z.string(), 'Lines.') },
  async body({ inbox, outbox }) {
    for await (const n of inbox.in) await outbox.out.send(`${n} squared is ${n * n}`);
  },
});

/** Prints lines. */
export const Print = defineComponent({
  name: 'Print',
  description: 'Prints each line.',
  inboxes: { in: box(z.string(), 'Lines.') },
  async body({ inbox }) {
    for await (const line of inbox.in) console.log(line);
  },
});

/** Compresses lines as they come, noting each, and says how much it saved once they end. */
export const Compress = defineComponent({
  name: 'Compress',
  description: 'Deflates each line it is given, noting each; prints the totals at the end.',
  inboxes: { in: box(z.string(), 'Lines.') },
  async body({ inbox }) {
    let lines = 0;
    let raw = 0;
    let packed = 0;
    for await (const line of inbox.in) {
      lines++;
      raw += Buffer.byteLength(line);
      packed += deflateSync(line, { level: 9 }).length;
      console.log(`  (compressed line ${lines})`);
    }
    console.log(`(in idle time: compressed ${lines} lines, ${raw} bytes into ${packed})`);
  },
});

/**
 * The job, with the compressor beside it at idle priority (or at `priority`, to compare);
 * `placement` applies to all four.
 */
export function job(
  to: number,
  placement: Placement = {},
  priority: 'idle' | 'normal' = 'idle',
): Graph {
  const g = graph('idle');
  const describe = g.add('describe', Describe, placement);
  g.pipeline(g.add('numbers', Numbers, { ...placement, params: { to } }), describe);
  g.link(describe.outbox('out'), g.add('print', Print, placement).inbox('in'));
  g.link(
    describe.outbox('out'),
    g.add('compress', Compress, { ...placement, priority }).inbox('in'),
  );
  return g;
}
