import type { z } from 'zod';
import type { BodyResult } from './BodyResult.ts';
import type { ComponentDefinition, Context } from './Definition.ts';
import { Errors } from './errors.ts';
import { checkDeclaration } from './internal/checkDefinition.ts';
import { callerModule, withSource } from './internal/locate.ts';
import type { BoxesFor, NoParams } from './paramTypes.ts';
import type { BoxSpecs, ParamsSchema } from './types.ts';

/**
 * What `defineComponent` takes.
 *
 * A type name and one-line description, the inboxes and outboxes (each a zod schema and a
 * description), a params schema, and the body. Optional: how a graceful stop treats it as a
 * source (`gracefulStop`), and boxes that depend on the params (`boxesFor`).
 *
 * @example
 * ```ts
 * import { box, type ComponentSpec, defineComponent, z } from '@plexus/core';
 *
 * const inboxes = { in: box(z.string(), 'Lines.') };
 * const outboxes = { out: box(z.number(), 'Their lengths.') };
 * const spec: ComponentSpec<typeof inboxes, typeof outboxes, z.ZodObject<{}>> = {
 *   name: 'Length',
 *   description: 'Sends the length of each line.',
 *   inboxes,
 *   outboxes,
 *   async body({ inbox, outbox }) {
 *     for await (const line of inbox.in) await outbox.out.send(line.length);
 *   },
 * };
 * export const Length = defineComponent(spec);
 * ```
 */
export interface ComponentSpec<I extends BoxSpecs, O extends BoxSpecs, P extends ParamsSchema> {
  /** Type name, e.g. `SplitWords`. */
  readonly name: string;
  /** One line saying what the component does. */
  readonly description: string;
  readonly inboxes?: I;
  readonly outboxes?: O;
  /** A zod object of params, usually with defaults. */
  readonly params?: P;
  /**
   * Plain async code, or a generator (`*body`) that yields one of its inboxes where it would
   * `await inbox.wait()` and a promise where it would `await` it. Returning closes the
   * outboxes; throwing fails the graph.
   */
  body(context: Context<I, O, z.output<P>>): BodyResult;
  /**
   * What a graceful stop does to it when nothing is linked into it (a source). `'halt'` (the
   * default): it is stopped at once, so no new work enters the graph. `'drain'`: it is left
   * running, sees `ctx.draining` abort, and should end by itself once what feeds it from inside
   * the graph has ended (a backplane subscriber, say). A hard stop halts it either way.
   */
  readonly gracefulStop?: 'halt' | 'drain';
  /**
   * Boxes that depend on the params, for definitions used from graph files whose boxes are
   * configured (a Switch with an outbox per rule). Called with the validated params of each
   * instance; the boxes it returns are added to the declared ones. It must be a pure function
   * of the params: a worker or process calls it again to build the same instance. Its boxes
   * are not in the definition's types, so code links them by name (`'route.hot'`).
   */
  readonly boxesFor?: BoxesFor<z.output<P>>;
}

/**
 * Define a component: isolated code that talks only through its named inboxes and outboxes.
 *
 * The definition is immutable and reusable; add instances of it to graphs. Message and param
 * types flow from the zod schemas into the body. When the body returns, its outboxes close,
 * and each inbox downstream ends once all its links have closed and it is drained. Where it
 * runs (inline, worker, process) is chosen where the graph is placed, never here; to run on
 * a worker or process, export the definition from its own module.
 *
 * @example
 * ```ts
 * import { box, defineComponent, z } from '@plexus/core';
 *
 * export const Upper = defineComponent({
 *   name: 'Upper',
 *   description: 'Upper-cases each line.',
 *   inboxes: { in: box(z.string(), 'Lines of text.') },
 *   outboxes: { out: box(z.string(), 'The same lines, upper-cased.') },
 *   async body({ inbox, outbox }) {
 *     for await (const line of inbox.in) await outbox.out.send(line.toUpperCase());
 *   },
 * });
 * ```
 */
export function defineComponent<
  I extends BoxSpecs = {},
  O extends BoxSpecs = {},
  P extends ParamsSchema = NoParams,
>(spec: ComponentSpec<I, O, P>): ComponentDefinition<I, O, P> {
  checkDeclaration('Component', spec);
  if (typeof spec.body !== 'function') {
    throw Errors.badDefinition(
      `Component definition '${spec.name}'`,
      "it has no 'body'; add an async body({ inbox, outbox, params }) function",
    );
  }
  if (spec.body.constructor?.name === 'AsyncGeneratorFunction') {
    throw Errors.badDefinition(
      `Component definition '${spec.name}'`,
      'its body is an async generator (async *body), which Plexus cannot drive; write an async body() that awaits, or a generator *body() that yields its inboxes and promises',
    );
  }
  const gracefulStop = spec.gracefulStop ?? 'halt';
  if (gracefulStop !== 'halt' && gracefulStop !== 'drain') {
    throw Errors.badDefinition(
      `Component definition '${spec.name}'`,
      `its 'gracefulStop' is ${JSON.stringify(gracefulStop)}; use 'halt' (the default) or 'drain'`,
    );
  }
  if (spec.boxesFor !== undefined && typeof spec.boxesFor !== 'function') {
    throw Errors.badDefinition(
      `Component definition '${spec.name}'`,
      "its 'boxesFor' is not a function; give a function (params) => ({ outboxes: { … } })",
    );
  }
  const source = callerModule(1);
  return withSource(
    {
      kind: 'component',
      name: spec.name,
      description: spec.description,
      inboxes: Object.freeze({ ...(spec.inboxes ?? {}) }) as I,
      outboxes: Object.freeze({ ...(spec.outboxes ?? {}) }) as O,
      params: spec.params,
      body: spec.body,
      gracefulStop,
      ...(spec.boxesFor === undefined ? {} : { boxesFor: spec.boxesFor }),
    },
    source,
  );
}
