/** What a run can be told. */
import type { Backend } from './backend/Backend.ts';
import type { RunInspector } from './inspect.ts';

/**
 * Options of a run.
 *
 * Checked mode (schemas, immutability and cloneability enforced on every send: on by default
 * under tests), a `signal` that stops the run when aborted, how long stopped components get to
 * finish, backend instances, the deadlock watch, and an inspector.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { Print, Read } from './components.ts';
 *
 * const g = graph('g');
 * g.pipeline(g.add('read', Read), g.add('print', Print));
 * await g.run({
 *   checked: true,
 *   signal: AbortSignal.timeout(30_000),
 *   stopTimeout: 2000,
 *   deadlockTimeout: false,
 * });
 * ```
 */
export interface RunOptions {
  /** Validate, freeze and clone-check every message (default: on under NODE_ENV=test or PLEXUS_CHECKED=1). */
  readonly checked?: boolean;
  /** Aborting it stops the graph (a hard stop). */
  readonly signal?: AbortSignal;
  /** How long stopped components get to finish before they are abandoned. Default {@link DEFAULT_STOP_TIMEOUT} (5000 ms). */
  readonly stopTimeout?: number;
  /** Backends for placements other than inline. Missing ones are loaded from `@plexus/<name>`. */
  readonly backends?: readonly Backend[];
  /**
   * How long every running component may wait on its boxes with no message moving before
   * the run fails as deadlocked (`ERR_DEADLOCK`). Default {@link DEFAULT_DEADLOCK_TIMEOUT} (1000 ms); `false` turns it off.
   */
  readonly deadlockTimeout?: number | false;
  /**
   * Something that watches the run (`@plexus/inspector`'s `inspector()` serves a live page):
   * attached as the run begins, before any component starts. Nothing watches without it.
   */
  readonly inspect?: RunInspector;
}
