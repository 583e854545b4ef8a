/**
 * The coordinator's own host as a node: a node agent started in the coordinator's process for
 * as long as its backend is open, caching bundles in `plexus-local-node-<name>` in the
 * system's temporary directory.
 */
import { mkdirSync } from 'node:fs';
import { availableParallelism, freemem, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NatsSettings } from './natsSettings.ts';
import { natsVersion } from './natsVersion.ts';
import { defaultNodeName, type NodeAgent, startNode } from './nodeAgent.ts';
import type { NodeInfo } from './nodeInfo.ts';

/** Options of the node a coordinator runs on its own host (`natsBackend({ localNode })`). */
export interface LocalNodeOptions {
  /** Default: the host name. A node of that name already up is used instead. */
  readonly name?: string;
  readonly labels?: readonly string[];
  /** Where its log lines go (units started, killed). Default: nowhere. */
  readonly log?: (line: string) => void;
}

/**
 * Start a node agent here, or none when a node of its name is already up (an agent of this
 * host's, which the run then uses like any other).
 */
export async function localNode(
  nats: NatsSettings,
  options: LocalNodeOptions,
): Promise<NodeAgent | undefined> {
  const name = options.name ?? defaultNodeName();
  // Its bundle cache outlives the run: the next run of the same code fetches nothing.
  const cwd = join(tmpdir(), `plexus-local-node-${name}`);
  mkdirSync(cwd, { recursive: true });
  try {
    return await startNode({
      nats,
      cwd,
      name,
      labels: options.labels ?? [],
      log: options.log ?? (() => {}),
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_NATS_NODE_NAME_TAKEN') return undefined;
    throw error;
  }
}

/**
 * What the node {@link localNode} would start announces, for checking placements before a
 * run (`plexus check --nats`): none if a live node already has its name.
 *
 * @example
 * ```ts
 * import { listNodes, localNodeInfo } from '@plexus/nats';
 *
 * const live = await listNodes({ servers: 'nats://127.0.0.1:4222' });
 * const here = localNodeInfo({ labels: ['gpu'] }, live);
 * console.log([...live, ...(here === undefined ? [] : [here])].map((node) => node.name));
 * ```
 */
export function localNodeInfo(
  options: LocalNodeOptions,
  live: readonly NodeInfo[],
): NodeInfo | undefined {
  const name = options.name ?? defaultNodeName();
  if (live.some((node) => node.name === name)) return undefined;
  return {
    name,
    host: hostname(),
    labels: [...(options.labels ?? [])],
    cores: availableParallelism(),
    freeMemoryMb: Math.round(freemem() / 2 ** 20),
    version: natsVersion(),
    pid: process.pid,
    units: 0,
  };
}
