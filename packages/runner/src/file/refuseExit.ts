/**
 * Import a graph file's module with `process.exit` refused. A module that calls it while being
 * imported would end `plexus check` or `plexus run` on the spot, with its exit code and not a
 * word; refused, the call throws instead, the import fails, and the problem is reported at the
 * `use` that named the module, with where the call is.
 */
import { fileURLToPath } from 'node:url';

let imports = 0;
let exit: typeof process.exit | undefined;
let sourceMaps = false;

/** Run `load` (an import) with `process.exit` throwing a sentence that says where it was called. */
export async function refuseExit<T>(load: () => Promise<T>): Promise<T> {
  if (imports++ === 0) {
    // So the place of the call is the line in the module's own source (TypeScript included).
    sourceMaps = process.sourceMapsEnabled;
    process.setSourceMapsEnabled(true);
    exit = process.exit;
    process.exit = refused;
  }
  try {
    return await load();
  } finally {
    if (--imports === 0) {
      process.exit = exit!;
      process.setSourceMapsEnabled(sourceMaps);
    }
  }
}

function refused(code?: number | string | null): never {
  const trace: { stack?: string } = {};
  Error.captureStackTrace(trace, refused);
  const frame = (trace.stack ?? '').split('\n').find((line) => line.trimStart().startsWith('at '));
  const at = frame === undefined ? '' : `, at ${location(frame)}`;
  throw new Error(
    `it called process.exit(${code ?? ''}) while being imported${at}, which would end the whole program. A component module must not end the program when it is imported: move that call into a function that runs later`,
  );
}

/** `file:///a/b.ts:3:9` or `fn (file:///a/b.ts:3:9)` as `/a/b.ts:3:9`. */
function location(frame: string): string {
  const text = frame.trim().replace(/^at\s+/, '');
  const inner = /\((.*)\)$/.exec(text)?.[1] ?? text;
  if (!inner.startsWith('file:')) return inner;
  const match = /^(.*?)(:\d+:\d+)$/.exec(inner);
  return match === null ? inner : `${fileURLToPath(match[1]!)}${match[2]}`;
}
