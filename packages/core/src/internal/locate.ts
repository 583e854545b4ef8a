/**
 * Finds the module a definition was created in, from the call stack, so a backend can import
 * the same definition in another thread or process (module + export name).
 */

const FRAME = /(?:\(|at )((?:file:\/\/|\/|[A-Za-z]:[\\/])[^()]*?):\d+:\d+\)?\s*$/;

/** V8's stack API; elsewhere both are absent and the whole stack is read. */
const V8Error = Error as {
  stackTraceLimit?: number;
  captureStackTrace?: (target: object, above: (...args: never[]) => unknown) => void;
};

/**
 * The file path or `file:` URL of the code `depth` frames above the caller, or `undefined`
 * when the runtime's stack format is not understood.
 *
 * Only the frames up to the one wanted are captured: a child process formats stacks through
 * its bundle's source map (@plexus/host's mapStacks), and every frame formatted is a lookup
 * there — ten a definition, ~150 ms of a unit's start-up, when the whole stack was formatted.
 */
export function callerModule(depth: number): string | undefined {
  const capture = V8Error.captureStackTrace;
  const limit = V8Error.stackTraceLimit;
  let stack: string | undefined;
  let index: number;
  if (typeof capture === 'function' && typeof limit === 'number') {
    // From callerModule's caller up, depth + 1 frames: lines[1 + depth] is the one wanted.
    const holder: { stack?: string } = {};
    V8Error.stackTraceLimit = depth + 1;
    try {
      capture(holder, callerModule);
    } finally {
      V8Error.stackTraceLimit = limit;
    }
    stack = holder.stack;
    index = 1 + depth;
  } else {
    // lines[0] is the message, lines[1] this function, lines[2] its caller.
    stack = new Error().stack;
    index = 2 + depth;
  }
  const line = stack?.split('\n')[index];
  const match = line === undefined ? null : FRAME.exec(line);
  return match?.[1];
}
