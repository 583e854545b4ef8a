import { box, defineComponent, z } from '@plexus/core';
import { Errors } from '../errors.ts';
import { type Child, Children } from '../internal/children.ts';
import { compile, evaluate, expression } from '../internal/expression.ts';
import { loadComponent } from '../internal/loadComponent.ts';
import { keyOf } from '../internal/order.ts';
import { END } from '../internal/relay.ts';

/**
 * Kamaelia's Carousel: a new child component for each message, or one per key, made from the
 * message and wired in for it.
 *
 * `child` names the component (`module#Export`); each child gets `params`, merged with the
 * object a JSONata `paramsFrom` expression makes of the message (`{ "url": payload }`), so the
 * message configures its child. With `per: 'message'` (the default) each message makes a
 * child, is handed to its inbox `in` (if it has one, which then ends) and the child runs to
 * its end before the next message makes the next one; everything it sends on `out` is sent on
 * the Carousel's `out`. With `per: 'key'`, a JSONata `key` of each message (`topic`, say)
 * picks the child: the first message of a key makes it (its params from that message), and
 * every message of the key goes to its inbox `in`; children run side by side and what they
 * send is merged, each child's in order. At most `maxChildren` are kept: one more ends the
 * input of the one that received least recently, and a later message of that key makes a new
 * one. When the input ends, every child's input ends, and the Carousel ends once all have.
 * Children are named after it (`carousel-1`, …) and taken out of the graph when they finish.
 * A module that cannot be loaded, or a child without an outbox `out`, fails with `ERR_CHILD`;
 * params that do not fit the child, with `ERR_BAD_PARAMS`.
 *
 * @example
 * ```ts
 * import { Carousel } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * // One FromItems per message, sending the message's items twice.
 * const { out } = await runComponent(Carousel, { in: [{ items: ['a'] }, { items: ['b', 'c'] }] }, {
 *   params: {
 *     child: '@plexus/components#FromItems',
 *     params: { repeat: 2 },
 *     paramsFrom: '{ "items": items }',
 *   },
 * });
 * // out: ['a', 'a', 'b', 'c', 'b', 'c']
 * ```
 */
export const Carousel = defineComponent({
  name: 'Carousel',
  description: 'Makes a child component for each message, or one per key, and wires it in.',
  inboxes: { in: box(z.any(), 'Messages: each makes (or goes to) a child.') },
  outboxes: { out: box(z.any(), 'What the children send.') },
  params: z.object({
    child: z
      .string()
      .min(1)
      .describe("The component of each child, as 'module#Export', e.g. '@plexus/components#Map'."),
    params: z.record(z.string(), z.unknown()).default({}).describe("Every child's params."),
    paramsFrom: expression(
      'JSONata expression making more params from the message, e.g. \'{ "url": payload }\'.',
    )
      .optional()
      .describe(
        "JSONata expression of the message making (more of) its child's params, e.g. '{ \"url\": payload }'.",
      ),
    per: z
      .enum(['message', 'key'])
      .default('message')
      .describe("'message': a child for each message, one after another; 'key': one per key."),
    key: expression("JSONata key of a message, e.g. 'topic'.")
      .default('topic')
      .describe("With per 'key': JSONata key of a message, e.g. 'topic'."),
    maxChildren: z
      .number()
      .int()
      .min(1)
      .default(100)
      .describe("With per 'key': most children kept at once."),
  }),
  async body(ctx) {
    const { inbox, outbox, params, name, signal } = ctx;
    const who = { name, type: 'Carousel' };
    const definition = await loadComponent(params.child, (problem, fix, cause) =>
      Errors.child(who, params.child, problem, fix, cause),
    );
    const paramsFrom =
      params.paramsFrom === undefined ? undefined : compile('paramsFrom', params.paramsFrom);
    const paramsOf = async (message: unknown) => {
      if (paramsFrom === undefined) return params.params;
      const more = await evaluate(paramsFrom, message, who, {});
      if (typeof more !== 'object' || more === null || Array.isArray(more))
        throw Errors.messageShape(
          who,
          message,
          `for which paramsFrom made ${JSON.stringify(more) ?? 'nothing'}, not an object of params`,
          'Make paramsFrom build an object, e.g. \'{ "url": payload }\'.',
        );
      return { ...params.params, ...more };
    };
    const children = new Children(ctx, who);
    try {
      if (params.per === 'message') {
        for await (const message of inbox.in) {
          const child = children.add(params.child, definition, await paramsOf(message));
          if (child.input !== undefined) {
            await child.input.put(message, signal);
            child.input.close();
          }
          for (;;) {
            const item = await children.next(signal);
            if (item === END || 'end' in item) break;
            await outbox.out.send(item.message);
          }
          child.input?.cancel();
          children.remove(child.tag);
        }
        return;
      }
      await perKey(ctx, children, compile('key', params.key), paramsOf, (name) =>
        children.add(params.child, definition, name),
      );
    } finally {
      children.close();
    }
  },
});

/** Carousel with a child per key: feeding and forwarding run side by side. */
async function perKey(
  ctx: Parameters<(typeof Carousel)['body']>[0],
  children: Children,
  key: ReturnType<typeof compile>,
  paramsOf: (message: unknown) => Promise<unknown>,
  add: (params: unknown) => Child,
): Promise<void> {
  const { inbox, outbox, params, name, signal } = ctx;
  const who = { name, type: 'Carousel' };
  const controller = new AbortController();
  const local = AbortSignal.any([signal, controller.signal]);
  /** Live children by key, least recently fed first. */
  const byKey = new Map<string, Child>();
  let live = 0;
  let inputEnded = false;

  const feeding = (async () => {
    for await (const message of inbox.in) {
      const k = keyOf(await evaluate(key, message, who));
      let child = byKey.get(k);
      if (child === undefined) {
        if (byKey.size >= params.maxChildren) {
          const [oldest, evicted] = byKey.entries().next().value!;
          byKey.delete(oldest);
          evicted.input?.close();
        }
        child = add(await paramsOf(message));
        live++;
      } else byKey.delete(k);
      byKey.set(k, child);
      if (child.input !== undefined && !(await child.input.put(message, local))) byKey.delete(k);
    }
    inputEnded = true;
    for (const child of byKey.values()) child.input?.close();
    byKey.clear();
    if (live === 0) children.output.close();
  })();
  feeding.catch(() => controller.abort());

  try {
    for (;;) {
      const item = await children.next(local);
      if (item === END) break;
      if ('end' in item) {
        live--;
        for (const [k, child] of byKey) if (child.tag === item.tag) byKey.delete(k);
        children.remove(item.tag);
        if (inputEnded && live === 0) break;
        continue;
      }
      await outbox.out.send(item.message);
    }
    await feeding;
  } finally {
    controller.abort();
  }
}
