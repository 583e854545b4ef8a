/**
 * The lifecycle of a network, as one value: `Network.life`, changed only by `Network.enter`
 * (a run, stopNetwork's stops, the end of the run). The graph's public state is a view of it.
 */

/**
 * Where a network is in its life:
 * - `building`: components are being added; `run()` has not been called.
 * - `starting`: `run()` was called and backends load (`stopEarly`: stop() came meanwhile, so
 *   it stops as soon as the run begins).
 * - `running`: its components run.
 * - `halting`: it stops hard (a hard stop, or a failure): components that finish now end their
 *   links without an end of stream, so nothing downstream mistakes the cut for one.
 * - `done`: the run has settled.
 */
export type NetLife =
  | { readonly kind: 'building' }
  | { readonly kind: 'starting'; readonly stopEarly: boolean }
  | { readonly kind: 'running' }
  | { readonly kind: 'halting' }
  | { readonly kind: 'done' };

export const BUILDING: NetLife = { kind: 'building' };
export const RUNNING: NetLife = { kind: 'running' };
export const HALTING: NetLife = { kind: 'halting' };
export const DONE: NetLife = { kind: 'done' };

/** What the graph reports: `starting` reads `building`, `halting` reads `running`. */
export function netState(life: NetLife): 'building' | 'running' | 'done' {
  return life.kind === 'starting' ? 'building' : life.kind === 'halting' ? 'running' : life.kind;
}
