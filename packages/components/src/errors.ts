/**
 * Every error the components of `@plexus/components` raise, in one table.
 *
 * Each is a {@link ComponentError} with a stable `code` and a full sentence that names the
 * component and says the fix. Raised inside a body, it carries the instance name and a
 * `detail`, so the graph's `ERR_COMPONENT_FAILED` reads as one sentence:
 * `Component 'read' (ReadLines, inline) could not open 'words.txt' for reading: …`.
 * Match on `code` (`isPlexusError(error.cause)` works too), never on the class.
 */

/**
 * The codes of the errors this package raises.
 *
 * Added to the core's codes: match them with `isPlexusError(error, 'ERR_FILE_OPEN')` on the
 * error itself or on the `cause` of the graph's `ERR_COMPONENT_FAILED`. Each is worded in
 * this package's errors table, as a sentence naming the component and the fix.
 *
 * @example
 * ```ts
 * import type { ComponentErrorCode } from '@plexus/components';
 * import { graph, isPlexusError } from '@plexus/core';
 *
 * const missingFile: ComponentErrorCode = 'ERR_FILE_OPEN';
 * await graph('g').run().catch((error: Error) => {
 *   if (isPlexusError(error.cause, missingFile)) console.error('check the path');
 *   else throw error;
 * });
 * ```
 */
export type ComponentErrorCode =
  | 'ERR_FILE_OPEN'
  | 'ERR_FILE_READ'
  | 'ERR_FILE_WRITE'
  | 'ERR_LINE_TOO_LONG'
  | 'ERR_BAD_JSON'
  | 'ERR_NOT_JSON'
  | 'ERR_COLLECT_LIMIT'
  | 'ERR_NOT_ITERABLE'
  | 'ERR_FACTORY_ARGS'
  // expressions and flow
  | 'ERR_EXPRESSION'
  | 'ERR_MESSAGE_SHAPE'
  | 'ERR_CHILD'
  | 'ERR_OUT_OF_SIGHT'
  // networking and processes
  | 'ERR_LISTEN'
  | 'ERR_CONNECT'
  | 'ERR_CONNECTION'
  | 'ERR_BAD_PROTOCOL'
  | 'ERR_HTTP_UNKNOWN_RESPONSE'
  | 'ERR_HTTP_REQUEST'
  | 'ERR_COMMAND_START'
  | 'ERR_COMMAND_EXIT'
  // protocols and formats
  | 'ERR_SUBSCRIBE'
  | 'ERR_PUBLISH'
  | 'ERR_BAD_FORMAT';

/** Who raised an error: the instance name (inside a body) and the component's type name. */
export interface Who {
  /** Instance name, e.g. `read` (absent outside a run, e.g. when a factory is called). */
  readonly name?: string;
  /** Definition name, e.g. `ReadLines`. */
  readonly type: string;
}

/**
 * An error raised by a component of this package: a full sentence and a stable `code`.
 *
 * @example
 * ```ts
 * import { ComponentError } from '@plexus/components';
 *
 * export function isFileProblem(error: unknown): boolean {
 *   return error instanceof ComponentError && error.code.startsWith('ERR_FILE');
 * }
 * ```
 */
export class ComponentError extends Error {
  override name = 'ComponentError';
  readonly code: ComponentErrorCode;
  /** Instance name of the component that raised it (Plexus then words its failure from `detail`). */
  readonly component?: string;
  readonly type: string;
  /** The sentence without its subject, e.g. "could not open 'x' for reading: …". */
  readonly detail: string;
  /** The box involved, if any. */
  readonly box?: string;

  constructor(
    code: ComponentErrorCode,
    who: Who,
    detail: string,
    facts: { box?: string; cause?: unknown } = {},
  ) {
    super(
      who.name === undefined
        ? `${who.type} ${detail}`
        : `Component '${who.name}' (${who.type}) ${detail}`,
      facts.cause === undefined ? undefined : { cause: facts.cause },
    );
    this.code = code;
    this.type = who.type;
    this.detail = detail;
    if (who.name !== undefined) this.component = who.name;
    if (facts.box !== undefined) this.box = facts.box;
  }
}

/** A short, single-line preview of a value for an error message. */
function preview(value: unknown, max = 60): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (value instanceof Uint8Array) text = `<${value.byteLength} bytes>`;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function reason(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown } | null;
  const text = typeof e?.message === 'string' ? e.message : String(error);
  return typeof e?.code === 'string' && !text.includes(e.code) ? `${e.code}: ${text}` : text;
}

/** What to do about a failed open, by its errno code. */
function openFix(error: unknown): string {
  switch ((error as { code?: unknown } | null)?.code) {
    case 'ENOENT':
      return `Check the path param; a relative path is resolved against the working directory (${process.cwd()}).`;
    case 'EACCES':
    case 'EPERM':
      return 'Check the permissions of the file and its directory.';
    case 'EISDIR':
      return 'The path names a directory; give the path of a file.';
    default:
      return 'Check the path param.';
  }
}

/**
 * Whether `error` is the permission sandbox refusing access (a process-backend component under
 * `permissions`): that error passes through as it is, since the core names the component,
 * the access and the fix (allow it in the placement's options.permissions).
 */
export function deniedBySandbox(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_ACCESS_DENIED';
}

/** The table. */
export const Errors = {
  fileOpen: (who: Who, path: string, purpose: 'reading' | 'writing', error: unknown) =>
    new ComponentError(
      'ERR_FILE_OPEN',
      who,
      `could not open '${path}' for ${purpose} (${reason(error)}). ${openFix(error)}`,
      { cause: error },
    ),
  fileRead: (who: Who, path: string, error: unknown) =>
    new ComponentError(
      'ERR_FILE_READ',
      who,
      `could not read '${path}': ${reason(error)}. Check that the file is readable and was not removed or truncated while being read.`,
      { cause: error },
    ),
  fileWrite: (who: Who, path: string, error: unknown) =>
    new ComponentError(
      'ERR_FILE_WRITE',
      who,
      `could not write to '${path}': ${reason(error)}. Check the free space and the permissions of the file's directory.`,
      { cause: error },
    ),
  lineTooLong: (who: Who, limit: number, where: string) =>
    new ComponentError(
      'ERR_LINE_TOO_LONG',
      who,
      `found a line longer than ${limit} characters${where}, and keeps at most maxLineLength characters of a line in memory. Raise the maxLineLength param if such lines are expected, or read the input as byte chunks (ReadChunks) if it is not line-oriented.`,
    ),
  badJson: (who: Who, box: string, text: string, error: unknown, where = '') =>
    new ComponentError(
      'ERR_BAD_JSON',
      who,
      `received text that is not valid JSON${where}: ${reason(error)} (the text was ${preview(text)}). Fix the input, or set the onError param to 'skip' to send such text to the optional 'invalid' outbox and carry on.`,
      { box, cause: error },
    ),
  notJson: (who: Who, box: string, message: unknown, problem: string) =>
    new ComponentError(
      'ERR_NOT_JSON',
      who,
      `cannot encode ${preview(message)} as JSON: ${problem}. Send plain data (strings, numbers, booleans, null, arrays and plain objects), converting the rest first, e.g. with map().`,
      { box },
    ),
  collectLimit: (who: Who, max: number) =>
    new ComponentError(
      'ERR_COLLECT_LIMIT',
      who,
      `received more than max = ${max} messages, the bound it keeps in memory. Raise the max param, or collect smaller batches (Batch) instead of the whole stream.`,
      { box: 'in' },
    ),
  notIterable: (who: Who, message: unknown, got: unknown) =>
    new ComponentError(
      'ERR_NOT_ITERABLE',
      who,
      `got ${preview(got)} from its function for the message ${preview(message)}, which is not a list of values. Return an array (or another iterable, or an async iterable): [] to send nothing, [value] to send one value.`,
      { box: 'in' },
    ),
  factoryArgs: (factory: string, problem: string) =>
    new ComponentError('ERR_FACTORY_ARGS', { type: `${factory}():` }, problem),
  // --- expressions and flow (src/expressions, src/flow) ---
  /** A JSONata expression failed on a message (its syntax was checked with the params). */
  expression: (
    who: Who,
    param: string,
    text: string,
    message: unknown,
    error: unknown,
    fix = "Fix the expression, or set onError: 'skip' to send such messages to the errors outbox and carry on.",
  ) => {
    const e = error as { position?: unknown; code?: unknown } | null;
    const at = typeof e?.position === 'number' ? ` at character ${e.position}` : '';
    return new ComponentError(
      'ERR_EXPRESSION',
      who,
      `could not evaluate its ${param} expression ${JSON.stringify(text)} for the message ${preview(message)}: ${(error as Error)?.message ?? String(error)}${at}. ${fix}`,
      { box: 'in', cause: error },
    );
  },
  /** A message is not of the shape a component needs (an object to change, an array to sort). */
  /** A watcher (Catch, Status) off the main thread, told to watch what it cannot see there. */
  outOfSight: (who: Who, place: string, names: readonly string[]) =>
    new ComponentError(
      'ERR_OUT_OF_SIGHT',
      who,
      `runs on ${place}, where it sees only the components placed with it, and ${names.map((n) => `'${n}'`).join(', ')} ${names.length === 1 ? 'is not one of them' : 'are not among them'}. Place it inline (the default), where it sees every component of the graph, or watch only components of its own ${place === 'a worker thread' ? 'worker' : 'unit'}.`,
    ),
  messageShape: (who: Who, message: unknown, problem: string, fix: string) =>
    new ComponentError(
      'ERR_MESSAGE_SHAPE',
      who,
      `received ${preview(message)}, ${problem}. ${fix}`,
      { box: 'in' },
    ),
  /** A child component (Seq, Carousel) could not be loaded or added. */
  child: (who: Who, use: string, problem: string, fix: string, cause?: unknown) =>
    new ComponentError(
      'ERR_CHILD',
      who,
      `cannot use '${use}' as a child: ${problem}. ${fix}`,
      cause === undefined ? {} : { cause },
    ),
  // --- networking and processes (src/net, src/process) ---
  /** A server could not bind `address` (`host:port`). */
  listen: (who: Who, address: string, host: string, error: unknown) => {
    const code = (error as { code?: unknown } | null)?.code;
    const fix =
      code === 'EADDRINUSE'
        ? 'Another program is listening there: choose another port, or port 0 for any free one.'
        : code === 'EACCES'
          ? 'Ports below 1024 need privileges: choose a port above 1024, or 0 for any free one.'
          : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN'
            ? `'${host}' is not an address of this machine: use '127.0.0.1', '0.0.0.0' (every interface) or '::'.`
            : 'Check the host and port params.';
    return new ComponentError(
      'ERR_LISTEN',
      who,
      `could not listen on ${address} (${reason(error)}). ${fix}`,
      { cause: error },
    );
  },
  /** A client could not connect to `address` (`host:port`). */
  connect: (who: Who, address: string, host: string, error: unknown) => {
    const code = (error as { code?: unknown } | null)?.code;
    const fix =
      code === 'ECONNREFUSED'
        ? 'Nothing is listening there: start the server first, or check the host and port params.'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? `The name '${host}' could not be resolved: check the host param.`
          : 'Check the host and port params, and that the server is reachable.';
    return new ComponentError(
      'ERR_CONNECT',
      who,
      `could not connect to ${address} (${reason(error)}). ${fix}`,
      { cause: error },
    );
  },
  /** An established connection broke before the peer ended it. */
  connection: (who: Who, address: string, error: unknown) =>
    new ComponentError(
      'ERR_CONNECTION',
      who,
      `lost its connection to ${address} before the peer ended it (${reason(error)}); data sent or received around then may be lost. Check the peer, or handle the failure with a restart.`,
      { cause: error },
    ),
  /** A TcpServer's protocol cannot be used. */
  badProtocol: (who: Who, protocol: string, problem: string, fix: string, cause?: unknown) =>
    new ComponentError(
      'ERR_BAD_PROTOCOL',
      who,
      `cannot use the protocol '${protocol}': ${problem}. ${fix}`,
      cause === undefined ? {} : { cause },
    ),
  /** An HttpServer received a response for a request it never issued. */
  unknownResponse: (who: Who, id: unknown) =>
    new ComponentError(
      'ERR_HTTP_UNKNOWN_RESPONSE',
      who,
      `received a response for request ${preview(id)}, which it never sent. Send each response with the id of the request it answers (copy request.id).`,
      { box: 'responses' },
    ),
  /** An HttpClient request failed without a response (network error, timeout, bad URL). */
  httpRequest: (who: Who, method: string, url: string, error: unknown) => {
    const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
    const cause = (error as { cause?: unknown } | null)?.cause;
    const detail =
      cause !== undefined && !timedOut ? `${reason(error)}: ${reason(cause)}` : reason(error);
    const fix = timedOut
      ? 'Raise the timeout param, or check that the server answers.'
      : 'Check the URL and that the server is reachable, or set failOnError: false to receive such failures on the errors outbox instead.';
    return new ComponentError(
      'ERR_HTTP_REQUEST',
      who,
      `could not ${method} ${url} (${detail}). ${fix}`,
      { box: 'in', cause: error },
    );
  },
  /** A command could not be started. */
  commandStart: (who: Who, command: string, error: unknown) => {
    const code = (error as { code?: unknown } | null)?.code;
    const fix =
      code === 'ENOENT'
        ? `Check that '${command}' is installed and on PATH (or give its full path), and that the cwd param names an existing directory.`
        : code === 'EACCES'
          ? `Check that '${command}' is executable.`
          : 'Check the command, args and cwd params.';
    return new ComponentError(
      'ERR_COMMAND_START',
      who,
      `could not start '${command}' (${reason(error)}). ${fix}`,
      { cause: error },
    );
  },
  /** A command exited unsuccessfully while failOnError was set. */
  commandExit: (
    who: Who,
    commandLine: string,
    code: number | null,
    signal: string | null,
    stderr: string,
  ) =>
    new ComponentError(
      'ERR_COMMAND_EXIT',
      who,
      `ran '${commandLine}', which ${signal !== null ? `was killed by ${signal}` : `exited with code ${code}`}.${stderr === '' ? '' : ` The end of its stderr was:\n${stderr}\n`} Set failOnError: false to report the exit status on the exit outbox without failing.`,
    ),
  // --- protocols and formats (src/mqtt, src/websocket, src/udp, src/formats) ---
  /** A client could not reach a broker or server at `url` (MQTT, WebSocket). */
  connectUrl: (who: Who, url: string, error: unknown) => {
    const code = (error as { code?: unknown } | null)?.code;
    const fix =
      code === 'ECONNREFUSED'
        ? 'Nothing is listening there: start the server (or broker) first, or check the url param.'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'The host name could not be resolved: check the url param.'
          : 'Check the url param, the credentials, and that the server is reachable.';
    return new ComponentError(
      'ERR_CONNECT',
      who,
      `could not connect to ${url} (${reason(error)}). ${fix}`,
      { cause: error },
    );
  },
  /** A broker refused a subscription. */
  subscribe: (who: Who, url: string, topic: string, problem: string) =>
    new ComponentError(
      'ERR_SUBSCRIBE',
      who,
      `could not subscribe to '${topic}' at ${url}: ${problem}. Check the topic filter (wildcards are + for one level and # for the rest, # last) and the broker's access rules for this client.`,
    ),
  /** A publish failed (the broker refused it, or the connection closed for good). */
  publish: (who: Who, url: string, topic: string, error: unknown) =>
    new ComponentError(
      'ERR_PUBLISH',
      who,
      `could not publish to '${topic}' at ${url} (${reason(error)}). Check the topic (no wildcards in a topic to publish to) and the broker's access rules for this client.`,
      { box: 'in', cause: error },
    ),
  /** Input that is not valid in the component's format (CSV, XML, YAML). */
  badFormat: (who: Who, format: string, problem: string, where: string, fix: string) =>
    new ComponentError(
      'ERR_BAD_FORMAT',
      who,
      `received ${format} that is not valid${where}: ${problem}. ${fix}`,
      { box: 'in' },
    ),
};
