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
 * A function that gives the file path or `file:` URL of the code `depth` frames above the
 * caller, or `undefined` when the runtime's stack format is not understood.
 *
 * Only the frames up to the one wanted are captured, and only captured now (V8 keeps them
 * unformatted): the stack is formatted, and the module found, on the first call of the
 * function returned. A child process formats stacks through its bundle's source map
 * (@plexus/host's mapStacks): formatting the whole stack of each definition cost ~150 ms of a
 * unit's start-up; formatting two frames of the first one still read the whole map (~20 ms of
 * CPU), though a child evaluating a bundle never asks where its definitions were made.
 */
export function callerModule(depth: number): () => string | undefined {
  const capture = V8Error.captureStackTrace;
  const limit = V8Error.stackTraceLimit;
  const holder: { stack?: string } = {};
  let index: number;
  if (typeof capture === 'function' && typeof limit === 'number') {
    // From callerModule's caller up, depth + 1 frames: lines[1 + depth] is the one wanted.
    V8Error.stackTraceLimit = depth + 1;
    try {
      capture(holder, callerModule);
    } finally {
      V8Error.stackTraceLimit = limit;
    }
    index = 1 + depth;
  } else {
    // lines[0] is the message, lines[1] this function, lines[2] its caller.
    holder.stack = new Error().stack;
    index = 2 + depth;
  }
  let found: { module: string | undefined } | undefined;
  return () => {
    if (found === undefined) {
      const line = holder.stack?.split('\n')[index];
      const match = line === undefined ? null : FRAME.exec(line);
      found = { module: match?.[1] };
    }
    return found.module;
  };
}

/**
 * Freeze `definition` with a `source` that finds its module on first read (then keeps it):
 * an ordinary enumerable property to whoever reads, spreads or serialises it.
 */
export function withSource<T extends object>(
  definition: T,
  source: () => string | undefined,
): Readonly<T & { readonly source: string | undefined }> {
  Object.defineProperty(definition, 'source', { enumerable: true, get: source });
  return Object.freeze(definition) as T & { readonly source: string | undefined };
}
