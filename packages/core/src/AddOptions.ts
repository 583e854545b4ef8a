/**
 * Options of `add`: params, placement and restart policy, and when they are required.
 */
import type { ParamsInput } from './paramTypes.ts';
import type { SupervisePolicy } from './SupervisePolicy.ts';
import type { Placement } from './types.ts';

/**
 * Options of `add`: the params, where the component runs, and its restart policy (on a
 * composite, the policy of its children as a group).
 *
 * A {@link Placement} plus `params` (checked against the definition's schema when added) and
 * `supervise`. The same fields make up an instance in a graph file.
 *
 * @example
 * ```ts
 * import { type AddOptions, graph } from '@plexus/core';
 * import { Count } from './components.ts';
 *
 * const options: AddOptions<typeof Count> = {
 *   params: { to: 10 },
 *   backend: 'worker',
 *   supervise: { maxRestarts: 3 },
 * };
 * graph('g').add('count', Count, options);
 * ```
 */
export type AddOptions<D> = Placement & {
  readonly params?: ParamsInput<D>;
  readonly supervise?: SupervisePolicy;
};

/**
 * `add`'s options argument: required exactly when the definition has required params.
 *
 * So forgetting a required param does not compile, while a definition whose params all have
 * defaults can be added without options.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { Count, Grep } from './components.ts';
 *
 * const g = graph('g');
 * g.add('count', Count); // every param has a default
 * g.add('grep', Grep, { params: { pattern: 'x' } }); // `pattern` is required
 * ```
 */
export type AddArgs<D> =
  {} extends ParamsInput<D>
    ? [options?: AddOptions<D>]
    : [options: AddOptions<D> & { readonly params: ParamsInput<D> }];
