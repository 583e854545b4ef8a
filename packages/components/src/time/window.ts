import { box, defineComponent, z } from '@plexus/core';

/**
 * Sends sliding windows: the last `size` messages, every `step` messages.
 *
 * The first window is sent when `size` messages have arrived; after that, one every `step`
 * messages, each an array of the latest `size` in order. `step: 1` (the default) slides one
 * message at a time (moving averages); `step` equal to `size` gives back-to-back windows;
 * larger steps sample. At end of input, with `partial`, the messages no window has covered are
 * sent in a last, shorter window (fewer than `size` in all: one window of them all); without,
 * they are dropped. It holds at most `size` messages.
 *
 * @example
 * ```ts
 * import { Window } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(Window, { in: [1, 2, 3, 4] }, { params: { size: 3 } });
 * // out: [[1, 2, 3], [2, 3, 4]]
 * ```
 */
export const Window = defineComponent({
  name: 'Window',
  description: 'Sends sliding windows: the last size messages, every step messages.',
  inboxes: { in: box(z.any(), 'Messages to window.') },
  outboxes: {
    out: box(z.array(z.any()), 'Windows: arrays of the latest size messages, in order.'),
  },
  params: z.object({
    size: z.number().int().min(1).describe('Messages per window.'),
    step: z.number().int().min(1).default(1).describe('Messages between the starts of windows.'),
    partial: z
      .boolean()
      .default(false)
      .describe('At end of input, send the messages no window covered as a shorter window.'),
  }),
  async body({ inbox, outbox, params }) {
    const { size, step } = params;
    const out = outbox.out;
    let recent: unknown[] = [];
    let total = 0;
    let uncovered = 0;
    for await (const message of inbox.in) {
      recent.push(message);
      if (recent.length > size) recent = recent.slice(recent.length - size);
      total++;
      uncovered++;
      if (total >= size && (total - size) % step === 0) {
        await out.send(recent.slice());
        uncovered = 0;
      }
    }
    if (params.partial && uncovered > 0)
      await out.send(recent.slice(-Math.min(size, uncovered, recent.length)));
  },
});
