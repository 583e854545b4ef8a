/**
 * @plexus/nats — the NATS backend: place components, groups and replicas on node agents on
 * other hosts; links cross the network over NATS subjects.
 *
 * @packageDocumentation
 */
import type { Backend } from '@plexus/core/backend';
import { NatsErrors } from './errors.ts';

export { matchingNodes } from './chooseNode.ts';
export { listNodes } from './listNodes.ts';
export type { LocalNodeOptions } from './localNode.ts';
export { localNodeInfo } from './localNode.ts';
export type { NatsBackend, NatsBackendOptions } from './natsBackend.ts';
export { natsBackend } from './natsBackend.ts';
export type { NatsSettings } from './natsSettings.ts';
export { describeServers } from './natsSettings.ts';
export { natsVersion } from './natsVersion.ts';
export type { NodeAgent, NodeOptions } from './nodeAgent.ts';
export { startNode } from './nodeAgent.ts';
export type { NodeInfo } from './nodeInfo.ts';
export type { NatsPlacementOptions } from './unitIsolation.ts';

/**
 * What `run()` finds when a component is placed on `nats` and no backend was given: an error
 * that says how to give one (a NATS backend needs servers, and connects before the run).
 */
export function createBackend(): Backend {
  throw NatsErrors.noBackendConfig();
}
