import { box, defineComponent, z } from '@plexus/core';
import { backplaneName } from '../internal/backplaneParams.ts';
import { subscribeTo } from '../internal/backplanes.ts';

/**
 * Sends every message published on a named backplane while it is subscribed; ends when the
 * backplane's publishers have all left.
 *
 * Kamaelia's SubscribeTo. It joins the backplane when it starts and receives every message
 * published from then on, in each publisher's order, through a queue of `capacity` messages
 * (a full queue holds the publishers back). It ends once the backplane has had publishers and
 * the last of them has left — after sending everything it received — or when it is stopped.
 * Joining while no publisher is there, it waits for one (a {@link Backplane} component keeps a
 * backplane open for subscribers that must outlive their publishers). Nothing is linked into
 * it, but a graceful stop does not cut it off like a source: it goes on delivering while its
 * publishers drain, and ends when they have left (at once, if none is there). Backplanes are
 * per thread: see {@link PublishTo}.
 *
 * @example
 * ```ts
 * import { collectInto, FromItems, PublishTo, SubscribeTo } from '@plexus/components';
 * import { graph } from '@plexus/core';
 *
 * // One subscriber hears both publishers, then ends when both have left.
 * const heard: string[] = [];
 * const g = graph();
 * g.pipeline(
 *   g.add('listen', SubscribeTo, { params: { backplane: 'news' } }),
 *   g.add('log', collectInto(heard)),
 * );
 * for (const [desk, items] of [['sport', ['goal', 'final']], ['weather', ['rain']]] as const)
 *   g.pipeline(
 *     g.add(desk, FromItems, { params: { items: [...items] } }),
 *     g.add(`${desk}-post`, PublishTo, { params: { backplane: 'news' } }),
 *   );
 * await g.run();
 * const sport = heard.filter((h) => h !== 'rain'); // each publisher's order is kept
 * const all = [...heard].sort(); // the two interleaved as they were published
 * // sport: ['goal', 'final'], all: ['final', 'goal', 'rain']
 * ```
 */
export const SubscribeTo = defineComponent({
  name: 'SubscribeTo',
  description:
    'Sends every message published on a named backplane; ends when its publishers have all left.',
  outboxes: { out: box(z.any(), 'The messages published while it was subscribed, in order.') },
  params: z.object({
    backplane: backplaneName,
    capacity: z
      .number()
      .int()
      .min(1)
      .default(64)
      .describe('Messages it holds before publishers wait for it.'),
  }),
  gracefulStop: 'drain',
  async body({ outbox, params, signal, draining }) {
    const subscription = subscribeTo(params.backplane, params.capacity);
    const out = outbox.out;
    // A graceful stop: with no publisher to wait for, end once what is held has been sent.
    const endIfIdle = () => {
      if (!subscription.published) subscription.close();
    };
    draining.addEventListener('abort', endIfIdle, { once: true });
    try {
      while (await subscription.wait(signal)) {
        while (subscription.size > 0) {
          const message = subscription.take();
          if (!out.trySend(message)) await out.send(message);
        }
      }
    } finally {
      draining.removeEventListener('abort', endIfIdle);
      subscription.leave();
    }
  },
});
