import { box, defineComponent, z } from '@plexus/core';
import { sleep } from '../internal/sleep.ts';

/**
 * Passes messages on at most `perSecond` a second (bursts of up to `burst`), holding back —
 * or, with `mode: 'drop'`, dropping — the rest.
 *
 * A token bucket: it holds up to `burst` tokens, gains `perSecond` of them a second, and each
 * message passed on spends one. In `wait` mode (the default) a message waits for its token,
 * so the link into the throttle fills and the sender slows down: nothing is lost. In `drop`
 * mode a message that finds no token goes to the optional `dropped` outbox (or nowhere)
 * instead, so the stream keeps flowing at its own pace (sampling). Order is kept. It ends when
 * its input does, after the messages it holds; its timer watches the stop signal.
 *
 * @example
 * ```ts
 * import { Throttle } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * // Two at once, then one a second: of a quick burst of five, two pass and three are dropped.
 * const { out, dropped } = await runComponent(Throttle, { in: [1, 2, 3, 4, 5] }, {
 *   params: { perSecond: 1, burst: 2, mode: 'drop' },
 * });
 * // out: [1, 2], dropped: [3, 4, 5]
 * ```
 */
export const Throttle = defineComponent({
  name: 'Throttle',
  description:
    'Passes messages on at most perSecond a second (bursts of burst), holding back or dropping the rest.',
  inboxes: { in: box(z.any(), 'Messages to pace.') },
  outboxes: {
    out: box(z.any(), 'The messages, at most perSecond a second.'),
    dropped: box(z.any(), "Messages that found no token (mode 'drop').", { optional: true }),
  },
  params: z.object({
    perSecond: z.number().positive().describe('Messages a second, on average.'),
    burst: z
      .number()
      .int()
      .min(1)
      .default(1)
      .describe('Messages that may pass at once after a quiet spell.'),
    mode: z
      .enum(['wait', 'drop'])
      .default('wait')
      .describe("Over the rate: 'wait' for a token (backpressure) or 'drop' the message."),
  }),
  async body({ inbox, outbox, params, signal }) {
    const { perSecond, burst } = params;
    const perMs = perSecond / 1000;
    let tokens = burst;
    let last = Date.now();
    const refill = () => {
      const now = Date.now();
      tokens = Math.min(burst, tokens + (now - last) * perMs);
      last = now;
    };
    for await (const message of inbox.in) {
      refill();
      if (tokens < 1) {
        if (params.mode === 'drop') {
          await outbox.dropped.send(message);
          continue;
        }
        await sleep(Math.ceil((1 - tokens) / perMs), signal);
        refill();
      }
      tokens = Math.max(0, tokens - 1);
      await outbox.out.send(message);
    }
  },
});
