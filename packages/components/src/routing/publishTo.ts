import { box, defineComponent, z } from '@plexus/core';
import { backplaneName } from '../internal/backplaneParams.ts';
import { publishTo } from '../internal/backplanes.ts';

/**
 * Publishes every message it receives on a named backplane, to every subscriber present.
 *
 * Kamaelia's PublishTo. Publishers and subscribers never link to each other: they meet by
 * the backplane's name, and any number of either may join and leave while the graph runs.
 * Each message goes to every {@link SubscribeTo} on the backplane at that moment (none: it is
 * dropped), and a publish waits while any subscriber's queue is full, so the slowest
 * subscriber sets the pace. The publisher joins when it starts and leaves when its input ends
 * (or it stops); when the last publisher leaves — a {@link Backplane} counts as one — every
 * subscriber ends after delivering what it holds. Backplanes are per thread: a publisher and
 * a subscriber meet only if they run in the same thread (inline together, or in one worker
 * group).
 *
 * @example
 * ```ts
 * import { FromItems, PublishTo, SubscribeTo, collectInto } from '@plexus/components';
 * import { graph } from '@plexus/core';
 *
 * const heard: string[] = [];
 * const g = graph();
 * g.pipeline(
 *   g.add('listen', SubscribeTo, { params: { backplane: 'chat' } }),
 *   g.add('log', collectInto(heard)),
 * );
 * g.pipeline(
 *   g.add('say', FromItems, { params: { items: ['hi', 'bye'] } }),
 *   g.add('post', PublishTo, { params: { backplane: 'chat' } }),
 * );
 * await g.run();
 * // heard: ['hi', 'bye']
 * ```
 */
export const PublishTo = defineComponent({
  name: 'PublishTo',
  description: 'Publishes every message it receives on a named backplane, to every subscriber.',
  inboxes: { in: box(z.any(), 'Messages to publish.') },
  params: z.object({ backplane: backplaneName }),
  async body({ inbox, params, signal }) {
    const publication = publishTo(params.backplane);
    try {
      for await (const message of inbox.in) await publication.publish(message, signal);
    } finally {
      publication.leave();
    }
  },
});
