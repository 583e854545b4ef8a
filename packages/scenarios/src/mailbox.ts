/**
 * Components for the selective-receive scenarios, in their own module so the same definitions
 * run inline, on a worker or in a process. Messages are `{ kind, n }` records.
 */
import { box, defineComponent, type Steps, z } from '@plexus/core';

const Item = z.object({ kind: z.string(), n: z.number() });
const items = box(Item, 'Records { kind, n }.');

/** Sends `count` records, kinds going round `kinds` (a, b, c, a, …), numbered from 0; then holds. */
export const Kinds = defineComponent({
  name: 'Kinds',
  description: 'Sends `count` records { kind, n }, kinds in turn from `kinds`.',
  outboxes: { out: items },
  params: z.object({
    kinds: z.array(z.string()),
    count: z.number().int(),
    holdMs: z.number().default(0).describe('Stay a while after the last, its link still open.'),
  }),
  async body({ outbox, params, signal }) {
    for (let n = 0; n < params.count; n++)
      await outbox.out.send({ kind: params.kinds[n % params.kinds.length]!, n });
    if (params.holdMs > 0) {
      // Hold the link open, until stopped (e.g. once its receiver has ended).
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, params.holdMs);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  },
});

/**
 * Takes every record of kind `first` with a selective receive (a zod schema), then passes the
 * rest on in the order they came: what is passed over stays queued, in order.
 */
export const FirstKind = defineComponent({
  name: 'FirstKind',
  description: 'Passes on every record of kind `first`, then the others in order.',
  inboxes: { in: items },
  outboxes: { out: items },
  params: z.object({ first: z.string() }),
  async body({ inbox, outbox, params }) {
    const wanted = Item.extend({ kind: z.literal(params.first) });
    for (;;) {
      const record = await inbox.in.receive(wanted);
      if (record === undefined) break;
      await outbox.out.send(record);
    }
    for await (const record of inbox.in) await outbox.out.send(record);
  },
});

/** FirstKind as a generator body, with a predicate: `yield inbox.in.receive(match)`. */
export const StepFirstKind = defineComponent({
  name: 'StepFirstKind',
  description: 'Passes on every record of kind `first`, then the others in order (a generator).',
  inboxes: { in: items },
  outboxes: { out: items },
  params: z.object({ first: z.string() }),
  *body({ inbox, outbox, params }): Steps {
    for (;;) {
      const record = yield inbox.in.receive((r) => r.kind === params.first);
      if (record === undefined) break;
      yield outbox.out.send(record);
    }
    while (yield inbox.in) yield outbox.out.send(inbox.in.recv());
  },
});

/** Waits for a record of kind `kind`, with a timeout; sends what it got, or `'timeout'`. */
export const AwaitKind = defineComponent({
  name: 'AwaitKind',
  description:
    'Receives one record of kind `kind` within `ms`, then reports it and what is queued.',
  inboxes: { in: items },
  outboxes: { out: box(z.unknown(), 'What the receive gave, then the records left, in order.') },
  params: z.object({
    kind: z.string(),
    ms: z.number().optional(),
    more: z.number().int().optional().describe('Pass on this many more, then end (default: all).'),
  }),
  async body({ inbox, outbox, params }) {
    const match = (r: { kind: string }) => r.kind === params.kind;
    const got =
      params.ms === undefined
        ? await inbox.in.receive(match)
        : await inbox.in.receive(match, { timeout: params.ms });
    await outbox.out.send(got ?? 'ended');
    let left = params.more ?? Number.POSITIVE_INFINITY;
    while (left-- > 0 && (await inbox.in.wait())) await outbox.out.send(inbox.in.recv());
  },
});
