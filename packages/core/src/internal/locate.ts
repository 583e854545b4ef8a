/**
 * Finds the module a definition was created in, from the call stack, so a backend can import
 * the same definition in another thread or process (module + export name).
 */

const FRAME = /(?:\(|at )((?:file:\/\/|\/|[A-Za-z]:[\\/])[^()]*?):\d+:\d+\)?\s*$/;

/**
 * The file path or `file:` URL of the code `depth` frames above the caller, or `undefined`
 * when the runtime's stack format is not understood.
 */
export function callerModule(depth: number): string | undefined {
  const lines = new Error().stack?.split('\n');
  // lines[0] is the message, lines[1] this function, lines[2] its caller.
  const line = lines?.[2 + depth];
  const match = line === undefined ? null : FRAME.exec(line);
  return match?.[1];
}
