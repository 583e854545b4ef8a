/** Write a command's output file (`-o`), or say in a sentence why it cannot be written. */
import { statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Write `text` to `path`; undefined when done, else what went wrong and the fix. `name` is a
 * file name to suggest when `path` is a folder.
 */
export function writeOutput(path: string, text: string, name: string): string | undefined {
  try {
    writeFileSync(path, text);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR')
      return `cannot write ${path}: it is a folder; name a file in it (e.g. ${join(path, name)})`;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const folder = dirname(path);
      const exists = (() => {
        try {
          return statSync(folder).isDirectory();
        } catch {
          return false;
        }
      })();
      return exists
        ? `cannot write ${path} (${code})`
        : `cannot write ${path}: there is no folder ${folder}; create it first (mkdir -p ${folder})`;
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      return `cannot write ${path}: permission denied; write it somewhere you may`;
    return `cannot write ${path}: ${(error as Error).message}`;
  }
}
