/**
 * Definitions made by factories from functions (`map(fn)`, `chooser(routes)`, …). Such a
 * definition is recorded as defined where the factory was *called*, not in this package, so
 * it behaves like any `defineComponent` call site: exported from a module of its own it can
 * run on a worker or in a process (the other side imports that module, which calls the
 * factory again); made in the main script, a test file or inside a function it runs inline,
 * and placing it elsewhere fails before the run starts with an error that says to move it.
 */
import { type BoxSpec, box, type ComponentDefinition, type z } from '@plexus/core';
import { Errors } from '../errors.ts';

const FRAME = /(?:\(|at )((?:file:\/\/|\/|[A-Za-z]:[\\/])[^()]*?):\d+:\d+\)?\s*$/;

/**
 * The module of the code that called the factory that calls this (the file path or `file:`
 * URL), or `undefined` when the stack cannot be read. Call it directly from the factory.
 */
export function factoryCaller(): string | undefined {
  // lines[0] is the message, [1] this function, [2] the factory, [3] the factory's caller.
  const line = new Error().stack?.split('\n')[3];
  const match = line === undefined ? null : FRAME.exec(line);
  return match?.[1];
}

/** The definition, recorded as defined in `source` (the module that called the factory). */
export function definedIn<D extends ComponentDefinition<any, any, any>>(
  definition: D,
  source: string | undefined,
): D {
  return Object.freeze({ ...definition, source }) as D;
}

/**
 * Options every factory takes: the type name and description of the definition it makes.
 *
 * The name is what errors, stats, the inspector and `plexus describe` show; give definitions
 * exported from one module distinct names, so a worker or process can find each by its export.
 *
 * @example
 * ```ts
 * import { type FactoryOptions, fanOut } from '@plexus/components';
 *
 * const named: FactoryOptions = { name: 'AuditSplit', description: 'Copies orders to audit.' };
 * export const AuditSplit = fanOut(['audit', 'work'], named);
 * ```
 */
export interface FactoryOptions {
  /**
   * Type name of the definition (shown in errors, stats and docs). Give each definition you
   * export from one module a distinct name, so another thread can find it.
   */
  readonly name?: string;
  /** One line saying what this particular instance does. */
  readonly description?: string;
}

/** How the generated reference documents a factory: it cannot be described from schemas alone. */
export interface FactoryReference {
  /** How it is called, e.g. `map(fn, options?)`. */
  readonly signature: string;
  /** One line per argument and option. */
  readonly options: Readonly<Record<string, string>>;
  /** A definition it makes, whose boxes the reference shows. */
  sample(): ComponentDefinition<any, any, any>;
}

/**
 * The boxes a routing factory was asked for, one per name, all of one schema: the names
 * checked (see {@link checkBoxNames}), each box described by `describe(name)`.
 */
export function namedBoxes<const N extends readonly string[], S extends z.ZodType>(
  factory: string,
  names: N,
  example: string,
  schema: S,
  describe: (name: string) => string,
): { [K in N[number]]: BoxSpec<S> } {
  checkBoxNames(factory, names, example);
  return Object.fromEntries(names.map((name) => [name, box(schema, describe(name))])) as {
    [K in N[number]]: BoxSpec<S>;
  };
}

/** Check a list of box names given to a factory: at least one, valid, distinct. */
export function checkBoxNames(factory: string, names: readonly string[], example: string): void {
  if (!Array.isArray(names) || names.length === 0) {
    throw Errors.factoryArgs(factory, `needs at least one box name, e.g. ${example}.`);
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) {
      throw Errors.factoryArgs(
        factory,
        `was given the box name ${JSON.stringify(name)}; box names start with a letter or '_' and contain only letters, digits, '_' and '-'.`,
      );
    }
    if (seen.has(name)) {
      throw Errors.factoryArgs(
        factory,
        `was given the box name '${name}' twice; give each box a distinct name.`,
      );
    }
    seen.add(name);
  }
}

/**
 * Options of the factories that wrap a function of messages: names, and optional schemas.
 *
 * For {@link map}, {@link filter} and {@link flatMap}: without schemas the boxes carry anything;
 * with them the boxes are typed and checked mode validates every message.
 *
 * @example
 * ```ts
 * import { type FunctionOptions, map } from '@plexus/components';
 * import { z } from '@plexus/core';
 *
 * const options: FunctionOptions<string, number> = { name: 'Length', in: z.string(), out: z.number() };
 * export const Length = map((line: string) => line.length, options);
 * ```
 */
export interface FunctionOptions<I, O> extends FactoryOptions {
  /** Schema of the messages taken (default: anything). Checked mode validates against it. */
  readonly in?: z.ZodType<I>;
  /** Schema of the messages sent (default: anything). Checked mode validates against it. */
  readonly out?: z.ZodType<O>;
}

/** True for a promise or other thenable. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
