/**
 * "Your own components": what a documentation sample imports from `./components.ts` (or any
 * module of the reader's that the page does not show). The docs checker resolves such imports
 * here, so those samples type-check and run; each component is as small as its name says.
 */
import { box, defineComponent, z } from '@plexus/core';

const lines = ['alpha', 'beta', 'gamma'];

/** Sends a few lines of text. */
export const Read = defineComponent({
  name: 'Read',
  description: 'Sends a few lines of text.',
  outboxes: { out: box(z.string(), 'Lines.') },
  async body({ outbox }) {
    for (const line of lines) await outbox.out.send(line);
  },
});

/** Sends the lines of its `text` parameter. */
export const Lines = defineComponent({
  name: 'Lines',
  description: 'Sends the lines of its text.',
  outboxes: { out: box(z.string(), 'Lines.') },
  params: z.object({ text: z.string() }),
  async body({ outbox, params }) {
    for (const line of params.text.split('\n')) await outbox.out.send(line);
  },
});

/** Sends 1, 2 and 3. */
export const Numbers = defineComponent({
  name: 'Numbers',
  description: 'Sends 1, 2 and 3.',
  outboxes: { out: box(z.number(), 'Numbers.') },
  async body({ outbox }) {
    for (const n of [1, 2, 3]) await outbox.out.send(n);
  },
});

/** Counts from 1 to `to` (3 unless set). */
export const Count = defineComponent({
  name: 'Count',
  description: 'Counts from 1.',
  outboxes: { out: box(z.number(), 'Numbers.') },
  params: z.object({ to: z.number().int().default(3) }),
  async body({ outbox, params }) {
    for (let n = 1; n <= params.to; n++) await outbox.out.send(n);
  },
});

/** Doubles numbers. */
export const Double = defineComponent({
  name: 'Double',
  description: 'Doubles numbers.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { out: box(z.number(), 'Twice each.') },
  async body({ inbox, outbox }) {
    for await (const n of inbox.in) await outbox.out.send(n * 2);
  },
});

/** A short hash of each number, as hexadecimal text. */
export const Hash = defineComponent({
  name: 'Hash',
  description: 'Hashes numbers.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { out: box(z.string(), 'Hashes.') },
  async body({ inbox, outbox }) {
    for await (const n of inbox.in) await outbox.out.send(((n * 2654435761) >>> 0).toString(16));
  },
});

/** Upper-cases lines. */
export const Upper = defineComponent({
  name: 'Upper',
  description: 'Upper-cases lines.',
  inboxes: { in: box(z.string(), 'Lines.') },
  outboxes: { out: box(z.string(), 'The same lines, in capitals.') },
  async body({ inbox, outbox }) {
    for await (const line of inbox.in) await outbox.out.send(line.toUpperCase());
  },
});

/** Upper-cases words. */
export const Shout = defineComponent({
  name: 'Shout',
  description: 'Upper-cases each word.',
  inboxes: { in: box(z.string(), 'Words.') },
  outboxes: { out: box(z.string(), 'The same words, in capitals.') },
  async body({ inbox, outbox }) {
    for await (const word of inbox.in) await outbox.out.send(word.toUpperCase());
  },
});

/** Converts lines (upper-cases them). */
export const Convert = defineComponent({
  name: 'Convert',
  description: 'Converts lines.',
  inboxes: { in: box(z.string(), 'Lines.') },
  outboxes: { out: box(z.string(), 'Converted lines.') },
  async body({ inbox, outbox }) {
    for await (const line of inbox.in) await outbox.out.send(line.toUpperCase());
  },
});

/** Splits lines into words. */
export const SplitWords = defineComponent({
  name: 'SplitWords',
  description: 'Splits lines into words.',
  inboxes: { in: box(z.string(), 'Lines.') },
  outboxes: { out: box(z.string(), 'Words.') },
  async body({ inbox, outbox }) {
    for await (const line of inbox.in) {
      for (const word of line.split(/\s+/)) if (word !== '') await outbox.out.send(word);
    }
  },
});

/** Parses lines into records. */
export const Parse = defineComponent({
  name: 'Parse',
  description: 'Parses lines into records.',
  inboxes: { in: box(z.string(), 'Lines.') },
  outboxes: { out: box(z.object({ text: z.string(), length: z.number() }), 'Records.') },
  async body({ inbox, outbox }) {
    for await (const text of inbox.in) await outbox.out.send({ text, length: text.length });
  },
});

/** Keeps records (counts them). */
export const Store = defineComponent({
  name: 'Store',
  description: 'Stores records.',
  inboxes: { in: box(z.object({ text: z.string(), length: z.number() }), 'Records.') },
  async body({ inbox }) {
    let stored = 0;
    for await (const _ of inbox.in) stored++;
    void stored;
  },
});

/** Writes lines (drops them). */
export const Write = defineComponent({
  name: 'Write',
  description: 'Writes lines.',
  inboxes: { in: box(z.string(), 'Lines.') },
  async body({ inbox }) {
    for await (const _ of inbox.in) {
      // written
    }
  },
});

/** Prints whatever it receives. */
export const Print = defineComponent({
  name: 'Print',
  description: 'Prints each message.',
  inboxes: { in: box(z.unknown(), 'Anything.') },
  async body({ inbox }) {
    for await (const message of inbox.in) console.log(message);
  },
});

/** Passes on the lines that contain a pattern. */
export const Grep = defineComponent({
  name: 'Grep',
  description: 'Passes on the lines that contain a pattern.',
  inboxes: { in: box(z.string(), 'Lines of text.') },
  outboxes: { out: box(z.string(), 'Lines that match.') },
  params: z.object({ pattern: z.string() }),
  async body({ inbox, outbox, params }) {
    const re = new RegExp(params.pattern);
    for await (const line of inbox.in) if (re.test(line)) await outbox.out.send(line);
  },
});

/** Counts words; sends the counts per word when its input ends. */
export const CountWords = defineComponent({
  name: 'CountWords',
  description: 'Counts words.',
  inboxes: { in: box(z.string(), 'Words.') },
  outboxes: { out: box(z.record(z.string(), z.number()), 'Counts per word.') },
  async body({ inbox, outbox }) {
    const counts: Record<string, number> = {};
    for await (const word of inbox.in) counts[word] = (counts[word] ?? 0) + 1;
    await outbox.out.send(counts);
  },
});
