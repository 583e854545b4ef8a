/** The live node agents: those that answer a ping within a moment. */

import { pingNodes } from './internal/pingNodes.ts';
import { connectNats, type NatsSettings } from './natsSettings.ts';
import type { NodeInfo } from './nodeInfo.ts';

/**
 * Ask every node agent on this NATS to announce itself; resolve with those that answer within
 * `waitMs`, by name.
 *
 * @example
 * ```ts
 * import { listNodes } from '@plexus/nats';
 *
 * for (const node of await listNodes({ servers: 'nats://127.0.0.1:4222' })) console.log(node.name, node.labels);
 * ```
 */
export async function listNodes(settings: NatsSettings, waitMs = 500): Promise<NodeInfo[]> {
  const nc = await connectNats(settings, 'plexus-nodes');
  try {
    return await pingNodes(nc, waitMs);
  } finally {
    await nc.close();
  }
}
