import type { ComponentDefinition, Definition } from './Definition.ts';
import { checkBoxes } from './internal/checkDefinition.ts';
import type { BoxSpecs } from './types.ts';

/**
 * The definition as an instance with these params sees it: its declared boxes plus those its
 * `boxesFor` adds for the params.
 *
 * A definition without `boxesFor` (most) is returned as it is. Otherwise the result is a
 * frozen copy with the same name, body and source, whose boxes include the ones the params
 * configure — a box under a declared name replaces that one for the instance (a narrower type,
 * say: what an expression can produce) — and without `boxesFor` (so specializing it again
 * changes nothing). `add` does this for every instance, and a worker or process does the
 * same with the same params, so an instance has the same boxes wherever it runs; checkers (the
 * `plexus check` of a graph file) call it to see the boxes a graph will have. A box that is not
 * valid throws `ERR_BAD_DEFINITION`.
 *
 * @example
 * ```ts
 * import { specialize } from '@plexus/core';
 * import { Switch } from '@plexus/components';
 *
 * const route = specialize(Switch, Switch.params!.parse({ rules: [{ when: 'n > 1', to: 'big' }] }));
 * Object.keys(route.outboxes); // ['otherwise', 'big']
 * ```
 */
export function specialize<D extends Definition>(definition: D, params: unknown): D {
  if (definition.kind !== 'component' || definition.boxesFor === undefined) return definition;
  const added = definition.boxesFor(params);
  const what = `Component definition '${definition.name}'`;
  const merge = (kind: 'inbox' | 'outbox', declared: BoxSpecs, more: BoxSpecs | undefined) => {
    if (more === undefined) return declared;
    checkBoxes(what, kind, more);
    return Object.freeze({ ...declared, ...more });
  };
  const { boxesFor: _, ...rest } = definition as ComponentDefinition;
  return Object.freeze({
    ...rest,
    inboxes: merge('inbox', definition.inboxes, added?.inboxes),
    outboxes: merge('outbox', definition.outboxes, added?.outboxes),
  }) as unknown as D;
}
