/** What a run and a stop can be told, and whether a run is in checked mode by default. */
import type { Backend } from '../backend/types.ts';
import type { RunInspector } from '../inspect.ts';

/** Options of a run. */
export interface RunOptions {
  /** Validate, freeze and clone-check every message (default: on under NODE_ENV=test or PLEXUS_CHECKED=1). */
  readonly checked?: boolean;
  /** Aborting it stops the graph (a hard stop). */
  readonly signal?: AbortSignal;
  /** How long stopped components get to finish before they are abandoned. Default 5000 ms. */
  readonly stopTimeout?: number;
  /** Backends for placements other than inline. Missing ones are loaded from `@plexus/<name>`. */
  readonly backends?: readonly Backend[];
  /**
   * How long every running component may wait on its boxes with no message moving before
   * the run fails as deadlocked (`ERR_DEADLOCK`). Default 1000 ms; `false` turns it off.
   */
  readonly deadlockTimeout?: number | false;
  /**
   * Something that watches the run (`@plexus/inspector`'s `inspector()` serves a live page):
   * attached as the run begins, before any component starts. Nothing watches without it.
   */
  readonly inspect?: RunInspector;
}

/** Options of a stop. */
export interface StopOptions {
  /** Stop the sources only and let what is in flight drain. Default false. */
  readonly graceful?: boolean;
  /** For a graceful stop: how long to drain before stopping hard. Default 10000 ms. */
  readonly timeout?: number;
}

/** Checked mode unless asked: on under `NODE_ENV=test` or `PLEXUS_CHECKED=1`, off with `PLEXUS_CHECKED=0`. */
export function checkedByDefault(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  if (env?.PLEXUS_CHECKED === '0') return false;
  return env?.PLEXUS_CHECKED === '1' || env?.NODE_ENV === 'test';
}
