/**
 * The NATS subjects Plexus uses, in one place. Everything lives under `plexus.`, so a NATS
 * account can give coordinators and nodes exactly the subjects they need (docs/backends/nats.md).
 */

/** Node heartbeats/announcements: `plexus.nodes.hb.<node>`. */
export const nodeHeartbeat = (node: string): string => `plexus.nodes.hb.${node}`;
export const NODE_HEARTBEATS = 'plexus.nodes.hb.*';
/** Every node answers a request here with its announcement at once. */
export const NODE_PING = 'plexus.nodes.ping';
/** Requests to a node: start a unit. */
export const nodeStart = (node: string): string => `plexus.node.${node}.start`;
/** Requests to a node: stop, tap or terminate one of its units. */
export const nodeControl = (node: string): string => `plexus.node.${node}.control`;
/** A coordinator's heartbeat: a node kills a run's units when it stops. */
export const runAlive = (run: string): string => `plexus.run.${run}.alive`;
export const RUNS_ALIVE = 'plexus.run.*.alive';
/**
 * A unit's events, from the node running it to the coordinator (`*` for any node): the
 * coordinator reads only those of the node it last started the unit on.
 */
export const unitEvents = (run: string, unit: number, node: string): string =>
  `plexus.run.${run}.u.${unit}.ev.${node}`;
/** A unit's requests for links its components make while running, from its node to the coordinator. */
export const unitLinks = (run: string, unit: number): string => `plexus.run.${run}.u.${unit}.link`;
/** A link between hosts: `<base>.d` downstream, `<base>.c` upstream, `<base>.h` handshake. */
export const linkBase = (run: string, link: number): string => `plexus.run.${run}.l.${link}`;
/** The object-store bucket that holds unit bundles, by content hash. */
export const BUNDLE_BUCKET = 'plexus-bundles';

/** Node names become subject tokens. */
export const NODE_NAME = /^[A-Za-z0-9_-]+$/;
