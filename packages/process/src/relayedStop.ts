/**
 * A child's stop comes from its parent. The backend starts each child in a session of its own,
 * so the signal a terminal's Ctrl-C sends to the runner's process group does not reach it: the
 * parent receives it and relays the stop — graceful if its own is — and the child drains like
 * any other unit instead of dying with what it holds. A signal that reaches the child anyway
 * (systemd's stop signals every process of a service, whatever its group) is left to the parent
 * the same way: the child waits for the parent's stop, and only if none comes within
 * {@link GRACE_MS} (the signal was meant for the child alone) does it die by the signal.
 */

/** How long a signalled child waits for its parent to relay a stop. */
export const GRACE_MS = 2000;

/** Hold SIGINT and SIGTERM for the parent; call `relayed()` when its stop arrives. */
export function awaitRelayedStop(): { relayed(): void } {
  let relayed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (relayed || timer !== undefined) return;
      timer = setTimeout(() => {
        process.removeAllListeners(signal);
        process.kill(process.pid, signal);
      }, GRACE_MS);
    });
  }
  return {
    relayed() {
      relayed = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
