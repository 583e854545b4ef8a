/**
 * The error class of Plexus, its codes and facts, and errors as plain data — how they cross
 * threads and processes. The constructors of every error are the table in errors.ts.
 *
 * Each error is a {@link PlexusError} with a stable `code`; match on the code, never on the
 * class, because errors cross threads and processes as plain data ({@link toErrorData}).
 * Messages are full sentences that name the thing involved and say the fix.
 *
 * @example
 * ```ts
 * import { graph, isPlexusError } from '@plexus/core';
 *
 * const g = graph('main');
 * try {
 *   await g.run();
 * } catch (error) {
 *   if (isPlexusError(error, 'ERR_COMPONENT_FAILED')) console.error(error.component, error.message);
 * }
 * ```
 */

/**
 * The codes of every error Plexus raises.
 *
 * Codes are stable: match on them (`isPlexusError(error, 'ERR_DEADLOCK')`), never on the
 * message or the class, since errors cross threads and processes as plain data. Other packages
 * add their own `ERR_…` codes, listed in their errors tables.
 *
 * @example
 * ```ts
 * import { type ErrorCode, graph, isPlexusError } from '@plexus/core';
 *
 * const retryable: ErrorCode[] = ['ERR_UNIT_DIED', 'ERR_STALLED'];
 * try {
 *   await graph('g').run();
 * } catch (error) {
 *   if (isPlexusError(error) && retryable.includes(error.code)) console.error('try again');
 *   else throw error;
 * }
 * ```
 */
export type ErrorCode =
  | 'ERR_BAD_DEFINITION'
  | 'ERR_BAD_NAME'
  | 'ERR_DUPLICATE_NAME'
  | 'ERR_NO_SUCH_COMPONENT'
  | 'ERR_NO_SUCH_INBOX'
  | 'ERR_NO_SUCH_OUTBOX'
  | 'ERR_NO_DEFAULT_BOX'
  | 'ERR_BAD_PARAMS'
  | 'ERR_BAD_LINK'
  | 'ERR_INBOX_ENDED'
  | 'ERR_GRAPH_STATE'
  | 'ERR_NO_BACKEND'
  | 'ERR_NOT_IMPORTABLE'
  | 'ERR_BAD_PLACEMENT'
  | 'ERR_UNIT_DIED'
  | 'ERR_UNLINKED_OUTBOX'
  | 'ERR_UNLINKED_INBOX'
  | 'ERR_OUTBOX_CLOSED'
  | 'ERR_SEND_PENDING'
  | 'ERR_WAIT_PENDING'
  | 'ERR_BAD_YIELD'
  | 'ERR_RECV_EMPTY'
  | 'ERR_SCHEMA'
  | 'ERR_INBOX_SCHEMA'
  | 'ERR_NOT_CLONEABLE'
  | 'ERR_BAD_TRANSFER'
  | 'ERR_MUTATED_AFTER_SEND'
  | 'ERR_STOPPED'
  | 'ERR_STOP_TIMEOUT'
  | 'ERR_COMPONENT_FAILED'
  | 'ERR_BAD_SUPERVISION'
  | 'ERR_RESTART_LIMIT'
  | 'ERR_DEADLOCK'
  | 'ERR_STALLED'
  | 'ERR_UNDECODABLE'
  | 'ERR_LINK_LOST'
  | 'ERR_BAD_MATCH'
  | 'ERR_CALL_TIMEOUT'
  | 'ERR_CALL_FAILED'
  | 'ERR_CALL_UNANSWERED'
  | 'ERR_UNKNOWN_TAG';

/**
 * Extra, machine-readable facts an error carries (all optional).
 *
 * Every {@link PlexusError} about a component says which (`component`, `type`), where it ran
 * (`backend`, `where`), and the box and message involved, so a log or a supervisor can act on
 * them without parsing the message.
 *
 * @example
 * ```ts
 * import { type ErrorFacts, graph, isPlexusError } from '@plexus/core';
 *
 * const facts = (error: unknown): ErrorFacts => (isPlexusError(error) ? error : {});
 * await graph('g').run().catch((error) => {
 *   const { component, backend, box } = facts(error);
 *   console.error(`failed in ${component ?? 'the graph'} on ${backend ?? 'inline'} at ${box ?? '-'}`);
 * });
 * ```
 */
export interface ErrorFacts {
  /** Instance name of the component involved, e.g. `wc/split`. */
  component?: string;
  /** Definition name of the component involved, e.g. `SplitWords`. */
  type?: string;
  /** Backend the component ran on: `inline`, `worker`, `process`. */
  backend?: string;
  /** Where exactly: `inline`, `worker thread 3`, `process 4242`. */
  where?: string;
  /** Inbox or outbox involved. */
  box?: string;
  /** A short preview of the message involved. */
  involved?: string;
}

/**
 * An error raised by Plexus: a full-sentence message and a stable `code`.
 *
 * @example
 * ```ts
 * import { graph, isPlexusError } from '@plexus/core';
 *
 * try {
 *   await graph('main').run();
 * } catch (error) {
 *   if (isPlexusError(error)) console.error(error.code, error.component, error.message);
 * }
 * ```
 */
export class PlexusError extends Error {
  override name = 'PlexusError';
  readonly code: ErrorCode;
  readonly component?: string;
  readonly type?: string;
  readonly backend?: string;
  readonly where?: string;
  readonly box?: string;
  readonly involved?: string;
  /** The sentence without its subject (e.g. "sent a message that …"), for re-wording. */
  readonly detail?: string;

  constructor(
    code: ErrorCode,
    message: string,
    facts: ErrorFacts & { detail?: string; cause?: unknown } = {},
  ) {
    super(message, facts.cause === undefined ? undefined : { cause: facts.cause });
    this.code = code;
    if (facts.component !== undefined) this.component = facts.component;
    if (facts.type !== undefined) this.type = facts.type;
    if (facts.backend !== undefined) this.backend = facts.backend;
    if (facts.where !== undefined) this.where = facts.where;
    if (facts.box !== undefined) this.box = facts.box;
    if (facts.involved !== undefined) this.involved = facts.involved;
    if (facts.detail !== undefined) this.detail = facts.detail;
  }
}

/**
 * True when `error` is a Plexus error, optionally with the given code. Works across threads.
 *
 * `code` is one of the core's codes, or a code of another package (e.g. `@plexus/components`'
 * `ERR_FILE_OPEN`): errors are matched by code, never by class.
 *
 * @example
 * ```ts
 * import { graph, isPlexusError } from '@plexus/core';
 *
 * const g = graph('main');
 * try {
 *   await g.run();
 * } catch (error) {
 *   if (isPlexusError(error, 'ERR_DEADLOCK')) console.error(error.message);
 * }
 * ```
 */
export function isPlexusError(
  error: unknown,
  code?: ErrorCode | `ERR_${string}`,
): error is PlexusError {
  if (typeof error !== 'object' || error === null) return false;
  const found = (error as { code?: unknown }).code;
  if (typeof found !== 'string' || !found.startsWith('ERR_')) return false;
  return code === undefined || found === code;
}

/**
 * An error as plain data, safe to post to another thread or process.
 *
 * What {@link toErrorData} makes and {@link fromErrorData} turns back into an error: name,
 * code, message, stack, the facts, and the cause as data of its own. It survives
 * structured clone and JSON, which is how errors keep their stacks across boundaries.
 *
 * @example
 * ```ts
 * import { type ErrorData, fromErrorData, toErrorData } from '@plexus/core';
 *
 * const data: ErrorData = toErrorData(new Error('disk full'));
 * const json = JSON.stringify(data);
 * console.log(fromErrorData(JSON.parse(json) as ErrorData).message); // disk full
 * ```
 */
export interface ErrorData extends ErrorFacts {
  name: string;
  code?: string;
  message: string;
  stack?: string;
  cause?: ErrorData;
}

/**
 * Turn any thrown value into {@link ErrorData}, keeping name, code, message, stack and cause.
 *
 * @example
 * ```ts
 * import { toErrorData } from '@plexus/core';
 *
 * const data = toErrorData(new RangeError('too far'));
 * console.log(data.name, data.message); // RangeError too far
 * ```
 */
export function toErrorData(error: unknown): ErrorData {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const data: ErrorData = { name: error.name, message: error.message };
  if (error.stack !== undefined) data.stack = error.stack;
  const e = error as Partial<PlexusError> & { code?: unknown };
  if (typeof e.code === 'string') data.code = e.code;
  for (const key of ['component', 'type', 'backend', 'where', 'box', 'involved'] as const) {
    if (typeof e[key] === 'string') data[key] = e[key];
  }
  if (error.cause !== undefined) data.cause = toErrorData(error.cause);
  return data;
}

/**
 * Rebuild an `Error` from {@link ErrorData}; the remote stack is kept.
 *
 * @example
 * ```ts
 * import { fromErrorData, toErrorData } from '@plexus/core';
 *
 * const data = toErrorData(new Error('disk full')); // plain data: crosses threads and processes
 * const error = fromErrorData(data); // an Error again, on the other side
 * console.log(error.message); // disk full
 * ```
 */
export function fromErrorData(data: ErrorData): Error {
  const cause = data.cause === undefined ? undefined : fromErrorData(data.cause);
  const error =
    data.code?.startsWith('ERR_') === true
      ? new PlexusError(data.code as ErrorCode, data.message, { ...data, cause })
      : new Error(data.message, cause === undefined ? undefined : { cause });
  error.name = data.name;
  if (data.stack !== undefined) error.stack = data.stack;
  return error;
}

/**
 * Build an error without capturing a stack trace (V8's `Error.stackTraceLimit`; elsewhere a no-op).
 *
 * @internal
 */
export function stackless<E extends Error>(make: () => E): E {
  const V8Error = Error as { stackTraceLimit?: number };
  const limit = V8Error.stackTraceLimit;
  V8Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    V8Error.stackTraceLimit = limit;
  }
}
