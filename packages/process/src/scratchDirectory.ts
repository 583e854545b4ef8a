/**
 * Directories this process needs while it runs children — their bundles, their sockets — made
 * in the system's temporary directory and removed when the process exits. A process that was
 * killed outright (SIGKILL) cannot remove its own: the next one to make a directory removes
 * those whose process is gone, which their names (`plexus-<purpose>-<pid>-…`) tell.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
let swept = false;

function remove(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // Best effort: another user's, or already gone.
  }
}

function removeAll(): void {
  for (const dir of made.splice(0)) remove(dir);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove what processes that are gone left behind (once per process). */
function sweep(): void {
  swept = true;
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const match = /^plexus-(?:bundles|sockets)-(\d+)-/.exec(name);
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && !alive(pid)) remove(join(tmpdir(), name));
  }
}

/**
 * A new directory named `plexus-<purpose>-<pid>-…`, removed with everything in it when this
 * process exits (on any exit Node runs `exit` handlers for). Children have read their bundle
 * and closed their sockets' listeners long before.
 */
export function scratchDirectory(purpose: string): string {
  if (!swept) sweep();
  if (made.length === 0) process.once('exit', removeAll);
  const dir = mkdtempSync(join(tmpdir(), `plexus-${purpose}-${process.pid}-`));
  made.push(dir);
  return dir;
}
