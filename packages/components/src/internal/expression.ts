/**
 * JSONata expressions as params: a schema that refuses an expression that does not compile
 * (so `plexus check` points at the character where it goes wrong, and `add` fails before a
 * run), compiling once per instance, evaluating per message with failures that name the param
 * and the message, and results made plain data (JSONata marks its sequences with extra array
 * properties, which must not travel).
 */
import { z } from '@plexus/core';
import jsonata from 'jsonata';
import { Errors, type Who } from '../errors.ts';

/** A compiled expression and where it came from, for error messages. */
export interface Compiled {
  /** The param it came from, e.g. `rules.1.when`. */
  readonly param: string;
  readonly text: string;
  readonly expression: jsonata.Expression;
}

/** Where and why `text` does not compile, or undefined when it does. */
export function syntaxError(text: string): { offset: number; message: string } | undefined {
  try {
    jsonata(text);
    return undefined;
  } catch (error) {
    const e = error as Partial<jsonata.JsonataError>;
    const token = typeof e.token === 'string' && e.token !== '(end)' ? e.token : '';
    // At the end of the expression: point just past its last character, not at trailing space.
    const end =
      typeof e.position === 'number' && e.token !== '(end)' ? e.position : text.trimEnd().length;
    const offset = Math.max(0, Math.min(text.length, end - token.length));
    return { offset, message: String(e.message ?? error) };
  }
}

/** The zod check every expression param shares: compile it, and point at what is wrong. */
export function checkExpression(text: string, ctx: z.core.$RefinementCtx<string>): void {
  const problem = syntaxError(text);
  if (problem === undefined) return;
  ctx.addIssue({
    code: 'custom',
    message: `is not a valid JSONata expression: ${problem.message} (at character ${problem.offset + 1} of ${JSON.stringify(text)}); fix the expression (see https://docs.jsonata.org)`,
    input: text,
    params: { offset: problem.offset },
  });
}

/** A JSONata expression param: a string that must compile. */
export function expression(description: string) {
  return z
    .string()
    .min(1)
    .superRefine(checkExpression)
    .meta({ format: 'jsonata' })
    .describe(description);
}

/** Compile an expression whose param schema already accepted it. */
export function compile(param: string, text: string): Compiled {
  return { param, text, expression: jsonata(text) };
}

/**
 * Evaluate `compiled` with the message as its input (`$`); failures become ERR_EXPRESSION,
 * naming the param, the expression and the message. The result is plain data, or undefined
 * when the expression matched nothing.
 */
export async function evaluate(
  compiled: Compiled,
  message: unknown,
  who: Who,
  bindings?: Record<string, unknown>,
): Promise<unknown> {
  let result: unknown;
  try {
    result = await compiled.expression.evaluate(message, bindings);
  } catch (error) {
    throw Errors.expression(who, compiled.param, compiled.text, message, error);
  }
  return plain(result, compiled, message, who);
}

/** JSONata's truth: nothing, false, 0, '' and empty arrays/objects are false. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(truthy);
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0;
  return Boolean(value);
}

/** A copy of a JSONata result as plain data: arrays without JSONata's marks, no functions. */
function plain(value: unknown, compiled: Compiled, message: unknown, who: Who): unknown {
  if (typeof value === 'function')
    throw Errors.expression(
      who,
      compiled.param,
      compiled.text,
      message,
      new Error('it returned a function, which is not data a message can carry'),
    );
  if (Array.isArray(value)) return value.map((item) => plain(item, compiled, message, who));
  if (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const made = plain(item, compiled, message, who);
      if (made !== item) copy ??= { ...(value as Record<string, unknown>) };
      if (copy !== undefined) copy[key] = made;
    }
    return copy ?? value;
  }
  return value;
}

/** The onError param of the expression components. */
export const onError = z
  .enum(['fail', 'skip'])
  .default('fail')
  .describe(
    "When an expression fails on a message: 'fail' the component, or 'skip' the message (sent to the errors outbox with the error).",
  );

const failure = z.object({
  message: z.unknown().describe('The message the expression failed on.'),
  error: z.object({ code: z.string(), message: z.string() }).describe('What went wrong.'),
});

/**
 * A message an expression failed on, as the errors outbox sends it.
 *
 * What the JSONata components (`Map`, `Filter`, `Switch`, `Change`, …) send on their optional
 * `errors` outbox with `onError: 'skip'`: the message, and the error's code and message.
 *
 * @example
 * ```ts
 * import { type ExpressionFailure, Map } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out, errors } = await runComponent(Map, { in: [{ n: 2 }, { n: 'x' }] }, {
 *   params: { expression: 'n * 2', onError: 'skip' },
 * });
 * const failures: ExpressionFailure[] = errors;
 * console.log(out, failures.map((f) => f.error.message));
 * ```
 */
export type ExpressionFailure = z.output<typeof failure>;

/** The optional errors outbox of the expression components. */
export const errorsBox = {
  schema: failure,
  description: "Messages an expression failed on, with the error (with onError: 'skip').",
  optional: true,
} as const;

/** What to send on the errors outbox for a failed message. */
export function failed(message: unknown, error: unknown): ExpressionFailure {
  const e = error as { code?: unknown; message?: unknown } | null;
  return {
    message,
    error: {
      code: typeof e?.code === 'string' ? e.code : 'ERR_EXPRESSION',
      message: typeof e?.message === 'string' ? e.message : String(error),
    },
  };
}

/** What {@link attempt} gives back for a message the expression failed on, when skipping. */
export const SKIPPED: unique symbol = Symbol('skipped');

/**
 * Evaluate, honouring onError: a failure fails the component (`'fail'`), or is sent on the
 * errors outbox and gives {@link SKIPPED} (`'skip'`).
 */
export async function attempt(
  compiled: Compiled,
  message: unknown,
  who: Who,
  mode: 'fail' | 'skip',
  errors: { send(failure: ExpressionFailure): Promise<void> },
): Promise<unknown> {
  try {
    return await evaluate(compiled, message, who);
  } catch (error) {
    if (mode === 'fail') throw error;
    await errors.send(failed(message, error));
    return SKIPPED;
  }
}
