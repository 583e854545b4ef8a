import { box, defineComponent, z } from '@plexus/core';

/**
 * Groups messages into arrays of `size`, sending a partial batch after `maxWaitMs` or at the
 * end of input.
 *
 * A batch is sent as soon as it holds `size` messages. With `maxWaitMs`, a batch that is not
 * full is sent once its first message has waited that long, so a trickle of input still moves
 * (batch by count, by time, or both). At end of input the last, partial batch is sent, then it
 * ends; no empty batch is ever sent. Messages keep their order. It waits for a partial batch's
 * deadline with `inbox.waitFor`, so a stop never waits for the timer, and in a cycle the
 * deadlock watch knows the wait will end.
 *
 * @example
 * ```ts
 * import { Batch } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(Batch, { in: [1, 2, 3, 4, 5] }, { params: { size: 2 } });
 * // out: [[1, 2], [3, 4], [5]]
 * ```
 */
export const Batch = defineComponent({
  name: 'Batch',
  description:
    'Groups messages into arrays of size, sending a partial one after maxWaitMs or at the end.',
  inboxes: { in: box(z.any(), 'Messages to group.') },
  outboxes: { out: box(z.array(z.any()), 'Batches: arrays of 1 to size messages, in order.') },
  params: z.object({
    size: z.number().int().min(1).default(100).describe('Most messages per batch.'),
    maxWaitMs: z
      .number()
      .positive()
      .optional()
      .describe('Send a batch that is not full once its first message has waited this long.'),
  }),
  async body({ inbox, outbox, params }) {
    const { size, maxWaitMs } = params;
    const input = inbox.in;
    const out = outbox.out;
    let batch: unknown[] = [];
    let deadline: number | undefined;
    for (;;) {
      const ready =
        batch.length > 0 && deadline !== undefined
          ? await input.waitFor(deadline - Date.now())
          : await input.wait();
      if (ready === 'timeout') {
        await out.send(batch);
        batch = [];
        continue;
      }
      while (input.dataReady()) {
        batch.push(input.recv());
        if (batch.length === 1 && maxWaitMs !== undefined) deadline = Date.now() + maxWaitMs;
        if (batch.length >= size) {
          await out.send(batch);
          batch = [];
        }
      }
      if (ready === false) break;
    }
    if (batch.length > 0) await out.send(batch);
  },
});
