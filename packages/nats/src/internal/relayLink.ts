/**
 * A link between a unit on a node agent and a worker or process unit of the coordinator: the
 * coordinator's host holds the worker thread or child process, which speaks the link protocol
 * over a Unix socket, so the coordinator joins that socket to the link's NATS subjects and
 * passes each protocol message (a batch, an end, credits) across as it comes. The protocol is
 * end to end — credits come from the receiving inbox — so the relay holds nothing beyond what
 * is in flight, and the link's capacity still bounds it.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import type { Endpoint } from '@plexus/core/backend';
import { socketEndpoint } from '@plexus/host';
import { durableEndpoint } from './durableEndpoint.ts';
import { natsEndpoint } from './natsEndpoint.ts';

/** A running relay; `destroy` ends both sides. */
export interface Relay {
  destroy(): void;
}

/**
 * Relay between the Unix socket at `socket` (the worker or process unit connects to it) and
 * the NATS subjects under `base`; `toNats` when the local unit is the sending end.
 */
export function relayLink(
  nc: NatsConnection,
  base: string,
  socket: string,
  toNats: boolean,
  durable?: { readonly tagged: boolean },
): Relay {
  const local = socketEndpoint({ socket, listen: true });
  // The relay is the sending end on NATS when the local unit sends, the receiving end if not.
  const remote =
    durable === undefined
      ? natsEndpoint(nc, base, !toNats)
      : durableEndpoint(nc, base, !toNats, durable);
  const pass = (from: Endpoint, to: Endpoint) =>
    from.addEventListener('message', (event) => to.postMessage(event.data));
  pass(local, remote);
  pass(remote, local);
  return {
    destroy() {
      for (const end of [local, remote]) {
        try {
          end.destroy?.();
        } catch {
          // Already gone.
        }
      }
    },
  };
}
