/** The live node agents: those that answer a ping within a moment. */
import { connectNats, type NatsSettings } from './natsSettings.ts';
import { decodeInfo, type NodeInfo } from './nodeInfo.ts';
import { NODE_PING } from './subjects.ts';

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
    const nodes: NodeInfo[] = [];
    const replies = await nc.requestMany(NODE_PING, undefined, {
      maxWait: waitMs,
      strategy: 'timer',
    });
    for await (const msg of replies) {
      const info = decodeInfo(msg.data);
      if (info !== undefined) nodes.push(info);
    }
    return nodes.sort((a, b) => (a.name < b.name ? -1 : 1));
  } finally {
    await nc.close();
  }
}
