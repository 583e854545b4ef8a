/**
 * Tells pending runs when the host's event loop is about to run dry: no timer, socket, thread
 * or process is left that could wake a component, so a run still pending can never finish.
 * Node says so with `process`'s `beforeExit` event; without this, the program would simply
 * exit (code 13 under a top-level `await`, 0 otherwise) with nothing said. Found through
 * `globalThis`, so the core imports nothing of Node's; where there is no such event (a browser
 * tab never exits), runs are simply not told.
 */

interface Host {
  on?(event: 'beforeExit', listener: () => void): unknown;
  off?(event: 'beforeExit', listener: () => void): unknown;
}

const watchers = new Set<() => void>();

function drained(): void {
  for (const watcher of [...watchers]) watcher();
}

/**
 * Call `watcher` each time the event loop is about to run dry, until the returned function is
 * called. One listener serves every watcher, however many runs are pending.
 */
export function onLoopDrain(watcher: () => void): () => void {
  const host = (globalThis as { process?: Host }).process;
  if (typeof host?.on !== 'function' || typeof host.off !== 'function') return () => {};
  if (watchers.size === 0) host.on('beforeExit', drained);
  watchers.add(watcher);
  return () => {
    if (watchers.delete(watcher) && watchers.size === 0) host.off?.('beforeExit', drained);
  };
}
