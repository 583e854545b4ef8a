/**
 * Word count as a graph: read a text file line by line, batch the lines (`ReadLines` and
 * `Batch` from @plexus/components), count the words of each batch on worker threads (the
 * CPU-bound stage, replicated), merge the counts, and print the most frequent words.
 *
 * ```
 * read ──> batch ──> count#1 ──┐
 *                └─> count#2 ──┴──> merge ──> print
 * ```
 */
import { Batch, ReadLines } from '@plexus/components';
import { box, defineComponent, type Graph, graph, type Placement, z } from '@plexus/core';

/** Counts of words: `[word, count]` pairs. */
const Counts = z.array(z.tuple([z.string(), z.number().int()]));

/** The merged result: totals and the most frequent words, most frequent first. */
const Summary = z.object({
  words: z.number().int().describe('How many words in all.'),
  distinct: z.number().int().describe('How many different words.'),
  top: Counts.describe('The most frequent words with their counts, most frequent first.'),
});
export type Summary = z.infer<typeof Summary>;

/** Words: runs of letters, with inner apostrophes (don't, o'clock), lower-cased. */
const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;

/** Counts the words in each batch of lines: the CPU-bound stage. */
export const CountWords = defineComponent({
  name: 'CountWords',
  description:
    'Counts the words (runs of letters, lower-cased) in each batch of lines, and sends the counts per batch.',
  inboxes: { in: box(z.array(z.string()), 'Batches of lines.') },
  outboxes: { out: box(Counts, 'The word counts of one batch, as [word, count] pairs.') },
  async body({ inbox, outbox }) {
    for await (const lines of inbox.in) {
      const counts = new Map<string, number>();
      for (const line of lines) {
        for (const [word] of line.toLowerCase().matchAll(WORD)) {
          counts.set(word, (counts.get(word) ?? 0) + 1);
        }
      }
      await outbox.out.send([...counts]);
    }
  },
});

/** Adds up counts from any number of counters, and sends the totals at the end. */
export const MergeCounts = defineComponent({
  name: 'MergeCounts',
  description:
    'Adds up word counts; at the end sends the totals and the `top` most frequent words (ties in alphabetical order).',
  inboxes: { in: box(Counts, 'Word counts, as [word, count] pairs, from any number of counters.') },
  outboxes: { out: box(Summary, 'The totals and the most frequent words, once, at the end.') },
  params: z.object({ top: z.number().int().min(0).default(10) }),
  async body({ inbox, outbox, params }) {
    const totals = new Map<string, number>();
    let words = 0;
    for await (const counts of inbox.in) {
      for (const [word, n] of counts) {
        totals.set(word, (totals.get(word) ?? 0) + n);
        words += n;
      }
    }
    const top = [...totals]
      .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, params.top);
    await outbox.out.send({ words, distinct: totals.size, top });
  },
});

/** Prints the summary: the totals, then one line per word. */
export const PrintTop = defineComponent({
  name: 'PrintTop',
  description: 'Prints the totals and the most frequent words, one per line, to stdout.',
  inboxes: { in: box(Summary, 'Totals and the most frequent words.') },
  async body({ inbox }) {
    for await (const { words, distinct, top } of inbox.in) {
      console.log(
        `${count(words)} words, ${count(distinct)} different; the ${top.length} most frequent:`,
      );
      const width = Math.max(0, ...top.map(([, n]) => count(n).length));
      for (const [word, n] of top) console.log(`${count(n).padStart(width)}  ${word}`);
    }
  },
});

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** Options of {@link wordcount}. */
export interface WordcountOptions {
  /** The text file. */
  readonly path: string;
  /** How many of the most frequent words to print. Default 10. */
  readonly top?: number;
  /** Lines per batch sent to the counters. Default 1,000. */
  readonly batch?: number;
  /** How many counters, each in its own worker thread. Default 2. */
  readonly replicas?: number;
  /** Where the counters run: `worker` (the default) or `process`. */
  readonly backend?: 'worker' | 'process';
}

/**
 * The word-count graph, built in code: the same graph as `wordcount.graph.yaml`.
 *
 * @example
 * ```ts
 * await wordcount({ path: 'big.txt', replicas: 2 }).run();
 * ```
 */
export function wordcount(options: WordcountOptions): Graph {
  const counters: Placement = {
    backend: options.backend ?? 'worker',
    replicas: options.replicas ?? 2,
  };
  const g = graph('wordcount');
  g.pipeline(
    g.add('read', ReadLines, { params: { path: options.path } }),
    g.add('batch', Batch, { params: { size: options.batch ?? 1000 } }),
    g.add('count', CountWords, counters),
    g.add('merge', MergeCounts, { params: { top: options.top ?? 10 } }),
    g.add('print', PrintTop),
  );
  return g;
}
