/** What a stop can be told. */
/**
 * Options of a stop.
 *
 * A hard stop (the default) aborts every component's `signal` at once. A graceful stop halts
 * the sources only, and lets the rest finish what is in flight; after `timeout` ms it turns
 * hard. Either way `stop()` resolves once every component has finished.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { Print, Read } from './components.ts';
 *
 * const g = graph('g');
 * g.pipeline(g.add('read', Read), g.add('print', Print));
 * const done = g.run();
 * process.once('SIGINT', () => void g.stop({ graceful: true, timeout: 5000 }));
 * await done;
 * ```
 */
export interface StopOptions {
  /** Stop the sources only and let what is in flight drain. Default false. */
  readonly graceful?: boolean;
  /** For a graceful stop: how long to drain before stopping hard. Default {@link DEFAULT_DRAIN_TIMEOUT} (10,000 ms). */
  readonly timeout?: number;
}
