/**
 * Whether this process was held up (stopped, swapped out, busy in a long synchronous task)
 * since the last call, for a timer of period `periodMs` to call on each tick: more than two
 * periods between two ticks. Heartbeats that came meanwhile are still unread, so whoever
 * judges others by heartbeats must judge from now on, not by the times it last read.
 */
export function stallCheck(periodMs: number): () => boolean {
  let last = Date.now();
  return () => {
    const now = Date.now();
    const stalled = now - last > 2 * periodMs;
    last = now;
    return stalled;
  };
}
