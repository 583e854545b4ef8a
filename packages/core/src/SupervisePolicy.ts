/**
 * Restart policies (supervision, after Erlang/OTP): the public shape, its defaults, and its
 * validation when a component or composite is added.
 */
import { Errors } from './errors.ts';
import { didYouMean } from './internal/naming.ts';

/**
 * Which members a supervisor restarts when one crashes (after Erlang/OTP).
 *
 * `one-for-one` restarts only the member that crashed; `one-for-all` restarts every member of
 * the group; `rest-for-one` restarts the one that crashed and those added after it (for
 * members that depend on the ones before them).
 *
 * @example
 * ```ts
 * import { graph, type RestartStrategy } from '@plexus/core';
 *
 * const strategy: RestartStrategy = 'rest-for-one';
 * const g = graph('pipeline', { supervise: { strategy, maxRestarts: 5, withinMs: 60_000 } });
 * ```
 */
export type RestartStrategy = 'one-for-one' | 'one-for-all' | 'rest-for-one';

/**
 * A restart policy, for one component or for a group (a composite's children, or a whole
 * graph). Without one, a crash fails the graph.
 *
 * - `strategy`: `one-for-one` restarts the member that crashed; `one-for-all` restarts every
 *   member; `rest-for-one` restarts the member that crashed and those added after it.
 *   Default `one-for-one`.
 * - `maxRestarts` within `withinMs`: more crashes than that and the supervisor gives up: the
 *   crash goes to the enclosing supervisor, or fails the graph (`ERR_RESTART_LIMIT`).
 *   Defaults 3 and 5000 ms.
 * - `backoffMs`: wait before a restart; it doubles with each further restart within
 *   `withinMs`, up to `maxBackoffMs`. Defaults 0 and 30000 ms.
 * - `onCrash`: the message the component was handling when it crashed (the last one it
 *   received) is dropped (`drop`, the default) or delivered to it again first (`retry`).
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { Parse } from './components.ts';
 *
 * const g = graph('ingest');
 * g.add('parse', Parse, { supervise: { maxRestarts: 5, withinMs: 10_000, backoffMs: 100, onCrash: 'retry' } });
 * ```
 */
export interface SupervisePolicy {
  readonly strategy?: RestartStrategy;
  readonly maxRestarts?: number;
  readonly withinMs?: number;
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly onCrash?: 'drop' | 'retry';
}

/** A policy with every default applied. */
export type FullPolicy = Required<SupervisePolicy>;

const DEFAULTS: FullPolicy = {
  strategy: 'one-for-one',
  maxRestarts: 3,
  withinMs: 5000,
  backoffMs: 0,
  maxBackoffMs: 30_000,
  onCrash: 'drop',
};
const KEYS = Object.keys(DEFAULTS);
const STRATEGIES = ['one-for-one', 'one-for-all', 'rest-for-one'];

/**
 * Validate a policy given for `who` (e.g. `component 'parse' (Parse)`) and apply the defaults.
 *
 * @internal
 */
export function fullPolicy(policy: SupervisePolicy, who: string): FullPolicy {
  const bad = (problem: string) => Errors.badSupervision(who, problem);
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy))
    throw bad(`'supervise' must be an object such as { strategy: 'one-for-one', maxRestarts: 3 }`);
  for (const key of Object.keys(policy)) {
    if (!KEYS.includes(key))
      throw bad(
        `'supervise' has no setting '${key}'${didYouMean(key, KEYS) || `; its settings are: ${KEYS.join(', ')}`}`,
      );
  }
  const full = { ...DEFAULTS, ...policy } as FullPolicy;
  if (!STRATEGIES.includes(full.strategy))
    throw bad(
      `its strategy ${JSON.stringify(full.strategy)} is not one of ${STRATEGIES.join(', ')}`,
    );
  for (const key of ['maxRestarts', 'withinMs', 'backoffMs', 'maxBackoffMs'] as const) {
    const value = full[key];
    if (
      typeof value !== 'number' ||
      !(value >= 0) ||
      (key === 'maxRestarts' && !Number.isInteger(value))
    )
      throw bad(
        `'${key}' must be a ${key === 'maxRestarts' ? 'whole ' : ''}number of 0 or more; got ${JSON.stringify(value)}`,
      );
  }
  if (full.onCrash !== 'drop' && full.onCrash !== 'retry')
    throw bad(`'onCrash' must be 'drop' or 'retry'; got ${JSON.stringify(full.onCrash)}`);
  return full;
}
