/**
 * Types of a definition's params: the schema of one that declares none, what a caller passes,
 * and the boxes an instance adds from its params.
 */
import type { z } from 'zod';
import type { BoxSpecs, ParamsSchema } from './types.ts';

/**
 * The params schema of a definition that declares none.
 *
 * An empty zod object: such a definition is added without `params`, and its body's `params` is
 * `{}`. It is the default of the `P` parameter of the definition types.
 *
 * @example
 * ```ts
 * import type { ComponentDefinition, NoParams } from '@plexus/core';
 * import { Print } from './components.ts';
 *
 * export const sink: ComponentDefinition<typeof Print.inboxes, {}, NoParams> = Print;
 * ```
 */
export type NoParams = z.ZodObject<{}>;

/**
 * The params a caller passes to a definition (defaults may be omitted).
 *
 * The zod input type of its params schema, or an empty record for a definition without params.
 * `add` and `runComponent` take this, and the instance sees the output type, defaults applied.
 *
 * @example
 * ```ts
 * import type { ParamsInput } from '@plexus/core';
 * import { Count, Grep } from './components.ts';
 *
 * export const grep: ParamsInput<typeof Grep> = { pattern: 'ERROR' };
 * export const count: ParamsInput<typeof Count> = {}; // `to` has a default
 * ```
 */
export type ParamsInput<D> = D extends { readonly params: infer P }
  ? [NonNullable<P>] extends [ParamsSchema]
    ? z.input<NonNullable<P>>
    : Record<string, never>
  : Record<string, never>;

/**
 * Boxes an instance adds to its definition's, from its params (e.g. one outbox per rule).
 *
 * What a definition's `boxesFor` returns: inboxes and outboxes to add to those it declares, for
 * this instance only. They are not in the definition's types, so code links them by name.
 *
 * @example
 * ```ts
 * import { box, type ParamBoxes, z } from '@plexus/core';
 *
 * export const outboxPerRule = (params: { rules: string[] }): ParamBoxes => ({
 *   outboxes: Object.fromEntries(params.rules.map((r) => [r, box(z.unknown(), `Messages matching ${r}.`)])),
 * });
 * ```
 */
export interface ParamBoxes {
  readonly inboxes?: BoxSpecs;
  readonly outboxes?: BoxSpecs;
}

/**
 * A definition's `boxesFor`: the boxes an instance with these (validated) params adds.
 *
 * It must be a pure function of the params: a worker or process calls it again to rebuild the
 * same instance. Used by components configured from graph files, such as a switch with one
 * outbox per rule.
 *
 * @example
 * ```ts
 * import { box, type BoxesFor, defineComponent, z } from '@plexus/core';
 *
 * const params = z.object({ topics: z.array(z.string()) });
 * const boxesFor: BoxesFor<z.output<typeof params>> = ({ topics }) => ({
 *   outboxes: Object.fromEntries(topics.map((t) => [t, box(z.string(), `Messages on ${t}.`)])),
 * });
 * export const ByTopic = defineComponent({
 *   name: 'ByTopic',
 *   description: 'Sends each "topic: text" line to the outbox of its topic.',
 *   inboxes: { in: box(z.string(), 'Lines.') },
 *   params,
 *   boxesFor,
 *   async body({ inbox, outbox }) {
 *     const out = outbox as Record<string, { send(m: string): Promise<void> }>;
 *     for await (const line of inbox.in) await out[line.split(':')[0]!]?.send(line);
 *   },
 * });
 * ```
 */
export type BoxesFor<P> = (params: P) => ParamBoxes;
