/**
 * Directories this process needs while it runs children — their bundles, their sockets — made
 * in the system's temporary directory and removed when the process exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

function removeAll(): void {
  for (const dir of made.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Best effort: what is left is in the system's temporary directory.
    }
  }
}

/**
 * A new directory named `plexus-<purpose>-…`, removed with everything in it when this process
 * exits (on any exit Node runs `exit` handlers for; not after SIGKILL). Children have read
 * their bundle and closed their sockets' listeners long before.
 */
export function scratchDirectory(purpose: string): string {
  if (made.length === 0) process.once('exit', removeAll);
  const dir = mkdtempSync(join(tmpdir(), `plexus-${purpose}-`));
  made.push(dir);
  return dir;
}
