/**
 * `plexus node --nats <url>`: run a node agent on this host until SIGINT or SIGTERM — it
 * announces itself, heartbeats, and runs the units coordinators send it.
 */
import type { startNode } from '@plexus/nats';
import type { Output } from '../output.ts';
import { loadNats } from './loadNats.ts';
import { natsSettings } from './natsSettings.ts';

export interface NodeCommandOptions {
  readonly nats: string;
  readonly name?: string;
  readonly labels?: string;
  readonly cwd?: string;
}

export async function nodeCommand(options: NodeCommandOptions, output: Output): Promise<number> {
  const settings = natsSettings(options.nats);
  const nats = await loadNats('node', output);
  if (nats === undefined) return 2;
  const { describeServers } = nats;
  let node: Awaited<ReturnType<typeof startNode>>;
  try {
    node = await nats.startNode({
      nats: settings,
      ...(options.name === undefined ? {} : { name: options.name }),
      labels: (options.labels ?? '').split(',').filter((label) => label !== ''),
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      log: (line) => output.err(line),
    });
  } catch (error) {
    output.err(`plexus node: ${(error as Error).message} (NATS: ${describeServers(settings)})`);
    return 1;
  }
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  output.err(`plexus node ${node.name}: ${signal}: stopping its units and leaving`);
  await node.stop();
  return 0;
}
