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
 * import { Backplane, collectInto, FromItems, PublishTo, SubscribeTo } from '@plexus/components';
 * import { graph } from '@plexus/core';
 *
 * const heard: string[] = [];
 * const g = graph();
 * g.add('chat', Backplane, { params: { backplane: 'chat' } });
 * g.pipeline(
 *   g.add('listen', SubscribeTo, { params: { backplane: 'chat' } }),
 *   g.add('log', collectInto(heard)),
 * );
 * const running = g.run();
 * // Clients join, say something and leave, one after the other; the subscriber stays.
 * for (const [client, text] of [['ann', 'hi'], ['bob', 'bye']] as const) {
 *   g.pipeline(
 *     g.add(client, FromItems, { params: { items: [text] } }),
 *     g.add(`${client}-post`, PublishTo, { params: { backplane: 'chat' } }),
 *   );
 *   while (g.stats().components.some((c) => c.name === `${client}-post` && c.state !== 'ended'))
 *     await new Promise((resolve) => setTimeout(resolve, 5));
 * }
 * await g.stop({ graceful: true }); // the Backplane ends, and then the subscriber
 * const { status } = await running;
 * // heard: ['hi', 'bye'], status: 'stopped'
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
