/** Ask every node agent to announce itself; collect the answers that come within `ms`. */
import type { NatsConnection } from '@nats-io/transport-node';
import { decodeInfo, type NodeInfo } from '../nodeInfo.ts';
import { NODE_PING } from './subjects.ts';

export async function pingNodes(nc: NatsConnection, ms: number): Promise<NodeInfo[]> {
  const nodes: NodeInfo[] = [];
  try {
    const replies = await nc.requestMany(NODE_PING, undefined, { maxWait: ms, strategy: 'timer' });
    for await (const msg of replies) {
      const info = decodeInfo(msg.data);
      if (info !== undefined) nodes.push(info);
    }
  } catch (error) {
    // No node is up: NATS says at once that nobody listens.
    if (!/no responders/i.test((error as Error).message)) throw error;
  }
  return nodes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
