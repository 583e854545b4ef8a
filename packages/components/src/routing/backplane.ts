import { defineComponent, z } from '@plexus/core';
import { backplaneName } from '../internal/backplaneParams.ts';
import { publishTo } from '../internal/backplanes.ts';

/**
 * Keeps a named backplane open until it is stopped, so its subscribers outlive any publisher.
 *
 * Kamaelia's Backplane. Without it, a backplane's subscribers end when its last publisher
 * leaves — right for a batch job, wrong for a server whose publishers (clients) come and go.
 * While a Backplane component runs it counts as a publisher that never publishes: subscribers
 * stay, publishers join and leave freely, and it runs until the graph is stopped. A graceful
 * stop stops it first (it is a source), so the subscribers end once the remaining publishers
 * have drained. It has no boxes.
 *
 * @example
 * ```ts
 * import { Backplane, SubscribeTo } from '@plexus/components';
 * import { graph } from '@plexus/core';
 *
 * const g = graph();
 * g.add('chat', Backplane, { params: { backplane: 'chat' } });
 * g.add('log', SubscribeTo, { params: { backplane: 'chat' } });
 * // … PublishTo components join and leave as clients connect; g.stop() ends it all.
 * ```
 */
export const Backplane = defineComponent({
  name: 'Backplane',
  description: 'Keeps a named backplane open until stopped, so subscribers outlive publishers.',
  params: z.object({ backplane: backplaneName }),
  async body({ params, signal }) {
    const hold = publishTo(params.backplane);
    try {
      await new Promise<never>((_, reject) => {
        if (signal.aborted) reject(signal.reason);
        else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    } finally {
      hold.leave();
    }
  },
});
