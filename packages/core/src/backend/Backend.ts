/**
 * The contract between the core and a backend that runs components outside the main event
 * loop (a worker thread, a child process). The core plans a *unit* — the components placed
 * together, the links among them, and an endpoint for every link that crosses to another unit
 * — and the backend starts it somewhere and reports what happens there.
 */
import type { ErrorData } from '../errors.ts';
import type { Endpoint } from './Endpoint.ts';
import type { SocketSpec } from './EndpointSpec.ts';
import type { UnitEvents } from './UnitEvents.ts';
import type { UnitHandle } from './UnitHandle.ts';
import type { UnitPlan } from './UnitPlan.ts';
import type { UnitRequests } from './UnitRequests.ts';

/**
 * A unit at one end of a link, as `crossProcess.channel()` is told of it.
 *
 * A backend whose links can take several forms picks one by where the two ends run: the NATS
 * backend gives a Unix socket between two units on one node, and NATS subjects otherwise.
 *
 * @example
 * ```ts
 * import type { UnitRef } from '@plexus/core/backend';
 *
 * const sameNode = (a: UnitRef, b: UnitRef) => a.options.node !== undefined && a.options.node === b.options.node;
 * ```
 */
export interface UnitRef {
  /** The unit's name, as `UnitPlan.unit` will say it: `nats 'count#2'`. */
  readonly unit: string;
  /** The backend that runs it. */
  readonly backend: string;
  /** Its placement options, merged (as `UnitPlan.options`). */
  readonly options: Readonly<Record<string, unknown>>;
  /**
   * Every component of the unit has a supervisor, so the unit may start again (on a network
   * backend, perhaps elsewhere): its links should be able to follow it.
   */
  readonly supervised?: boolean;
}

/**
 * Runs units somewhere else. `@plexus/worker` and `@plexus/process` provide one each.
 *
 * Pass backends to `run({ backends })`; a placement names one by `name`, and a missing one is
 * loaded from `@plexus/<name>`. Write one with {@link defineBackend}, which needs only how a
 * unit's thread or process is started.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import type { Backend } from '@plexus/core/backend';
 * import { processBackend } from '@plexus/process';
 * import { workerBackend } from '@plexus/worker';
 *
 * const backends: Backend[] = [workerBackend(), processBackend()];
 * await graph('g').run({ backends });
 * ```
 */
export interface Backend {
  /** The placement name it serves: `worker`, `process`. */
  readonly name: string;
  /**
   * The placement options (`Placement.options` keys) its units read. A component placed on it
   * with any other fails the run before it starts (`ERR_BAD_PLACEMENT`, naming the option and
   * the backends that read it). Left out, options are not checked.
   */
  readonly placementOptions?: readonly string[];
  /**
   * Set when its units run in other processes: links that touch them cannot be MessagePorts,
   * so the core asks `channel()` for the two ends and, for an end on the main thread,
   * `open()` to turn it into an Endpoint. `channel()` is told the units at the two ends
   * (`undefined`: the main thread), so a backend can pick the transport by where they run,
   * and whether the link is `durable` (`LinkOptions.durable`: only a `network` backend is
   * asked for a durable link, and it must keep the link's messages until they are taken; the
   * receiving end numbers them, and a `tagged` sender tags each with the input it handles).
   */
  readonly crossProcess?: {
    channel(
      send?: UnitRef,
      receive?: UnitRef,
      options?: { readonly durable?: boolean; readonly tagged?: boolean },
    ): readonly [send: SocketSpec, receive: SocketSpec];
    /**
     * Its links reach other hosts: a link between one of its units and another backend's
     * takes its channel (a host-local one could not reach).
     */
    readonly network?: boolean;
    open(spec: SocketSpec): Endpoint;
  };
  /**
   * Start a unit. Report its events through `events`; call `died` (with a sentence naming the
   * unit and what happened) if it goes away before `finished`.
   */
  start(
    plan: UnitPlan,
    events: UnitEvents & Partial<UnitRequests> & { died(error: ErrorData): void },
  ): Promise<UnitHandle>;
}
