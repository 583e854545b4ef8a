import type { z } from 'zod';
import type { CompositeDefinition, CompositeScope } from './Definition.ts';
import { Errors } from './errors.ts';
import { checkDeclaration } from './internal/checkDefinition.ts';
import { callerModule, withSource } from './internal/locate.ts';
import type { NoParams } from './paramTypes.ts';
import type { BoxSpecs, ParamsSchema } from './types.ts';

/**
 * What `defineGraph` takes.
 *
 * A type name and description, the composite's exported inboxes and outboxes, its params, and
 * `build`, which adds and links its children once per instance; `graph.inbox(…)` and
 * `graph.outbox(…)` name the exported boxes from inside.
 *
 * @example
 * ```ts
 * import { box, defineGraph, type GraphSpec, z } from '@plexus/core';
 * import { Grep } from './components.ts';
 *
 * const params = z.object({ pattern: z.string() });
 * const lines = { in: box(z.string(), 'Lines.') };
 * const spec: GraphSpec<typeof lines, { out: typeof Grep.outboxes.out }, typeof params> = {
 *   name: 'Matching',
 *   description: 'Passes the lines that match.',
 *   inboxes: lines,
 *   outboxes: { out: Grep.outboxes.out },
 *   params,
 *   build(graph, { pattern }) {
 *     const grep = graph.add('grep', Grep, { params: { pattern } });
 *     graph.link(graph.inbox('in'), grep.inbox('in'));
 *     graph.link(grep.outbox('out'), graph.outbox('out'));
 *   },
 * };
 * export const Matching = defineGraph(spec);
 * ```
 */
export interface GraphSpec<I extends BoxSpecs, O extends BoxSpecs, P extends ParamsSchema> {
  readonly name: string;
  readonly description: string;
  /** The composite's exported inboxes. */
  readonly inboxes?: I;
  /** The composite's exported outboxes. */
  readonly outboxes?: O;
  readonly params?: P;
  /** Add the children and link them; `graph.inbox(…)`/`graph.outbox(…)` name the exported boxes. */
  build(graph: CompositeScope<I, O>, params: z.output<P>): void;
}

/**
 * Define a composite: a graph with exported inboxes and outboxes that is itself a component.
 *
 * Composites nest and are placed like any component. They cost nothing at run time: links
 * through an exported box are resolved to direct links between the children (Kamaelia's
 * Graphline passthrough, NoFlo's exported ports). The composite ends when all its children
 * have ended.
 *
 * @example
 * ```ts
 * import { box, defineGraph, z } from '@plexus/core';
 * import { CountWords, SplitWords } from './components.ts';
 *
 * export const WordCount = defineGraph({
 *   name: 'WordCount',
 *   description: 'Counts the words in lines of text.',
 *   inboxes: { in: box(z.string(), 'Lines of text.') },
 *   outboxes: { out: box(z.record(z.string(), z.number()), 'Counts per word.') },
 *   build(graph) {
 *     const split = graph.add('split', SplitWords);
 *     const count = graph.add('count', CountWords);
 *     graph.link(graph.inbox('in'), split.inbox('in'));
 *     graph.link(split.outbox('out'), count.inbox('in'));
 *     graph.link(count.outbox('out'), graph.outbox('out'));
 *   },
 * });
 * ```
 */
export function defineGraph<
  I extends BoxSpecs = {},
  O extends BoxSpecs = {},
  P extends ParamsSchema = NoParams,
>(spec: GraphSpec<I, O, P>): CompositeDefinition<I, O, P> {
  checkDeclaration('Graph', spec);
  if (typeof spec.build !== 'function') {
    throw Errors.badDefinition(
      `Graph definition '${spec.name}'`,
      "it has no 'build'; add build(graph, params) that adds and links its children",
    );
  }
  const source = callerModule(1);
  return withSource(
    {
      kind: 'graph',
      name: spec.name,
      description: spec.description,
      inboxes: Object.freeze({ ...(spec.inboxes ?? {}) }) as I,
      outboxes: Object.freeze({ ...(spec.outboxes ?? {}) }) as O,
      params: spec.params,
      build: spec.build,
    },
    source,
  );
}
