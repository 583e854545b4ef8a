/**
 * What a unit asks of the main thread while it runs: the other end of a link it made.
 */
import type { ErrorData } from '../errors.ts';
import type { EndpointSpec } from './EndpointSpec.ts';

/**
 * A unit asks the main thread for a link while it runs: a component there (one it added itself,
 * say) linked one of its boxes to a component outside the unit. The unit has already made its
 * own end; the main thread makes the other end, where the peer runs, and answers with the
 * endpoint the unit's end is to use.
 *
 * @example
 * ```ts
 * import type { LinkRequest } from '@plexus/core/backend';
 *
 * const request: LinkRequest = {
 *   id: 2 ** 32,
 *   side: 'send',
 *   local: 'filter-3.primes',
 *   type: 'PrimeFilter',
 *   peer: 'report.in',
 *   capacity: 1024,
 * };
 * ```
 */
export interface LinkRequest {
  /** The link's id, from the unit's own range. */
  readonly id: number;
  /** `send`: the unit's outbox feeds the link; `receive`: the link feeds the unit's inbox. */
  readonly side: 'send' | 'receive';
  /** `component.box` of the end in the unit. */
  readonly local: string;
  /** The definition name of the component at that end, for messages. */
  readonly type: string;
  /** `component.box` of the other end, as the component named it (full instance name). */
  readonly peer: string;
  readonly capacity: number;
  /** `idle`: an idle-priority link (`LinkOptions.priority`). */
  readonly priority?: 'idle';
}

/**
 * The main thread's answer to a {@link LinkRequest}: the unit's endpoint, or why not.
 *
 * @example
 * ```ts
 * import type { LinkReply } from '@plexus/core/backend';
 *
 * const refused = (reply: LinkReply) => 'error' in reply;
 * ```
 */
export type LinkReply = { readonly endpoint: EndpointSpec } | { readonly error: ErrorData };

/**
 * What a unit asks of the main thread while it runs (besides reporting its events).
 *
 * @example
 * ```ts
 * import type { UnitRequests } from '@plexus/core/backend';
 *
 * // A unit's host hands the main thread's requests on to hostUnit.
 * export const relay = (main: UnitRequests): UnitRequests => ({ link: (r) => main.link(r) });
 * ```
 */
export interface UnitRequests {
  /** Make the other end of a link one of the unit's components made to a component elsewhere. */
  link(request: LinkRequest): Promise<LinkReply>;
}
