/** `plexus check <graph...>`: validate without running; every problem at its file:line:column. */
import { resolve } from 'node:path';
import { graph } from '@plexus/core';
import type { matchingNodes, NodeInfo } from '@plexus/nats';
import { loadGraph } from '../file/loadGraph.ts';
import { populate } from '../file/populate.ts';
import type { Output } from '../output.ts';
import { loadNats } from './loadNats.ts';
import { type LocalNodeFlags, localNodeOptions } from './localNodeFlags.ts';
import { natsSettings } from './natsSettings.ts';
import { printDiagnostics } from './printDiagnostics.ts';

type MatchingNodes = typeof matchingNodes;

export interface CheckCommandOptions extends LocalNodeFlags {
  readonly nats?: string;
}

export async function checkCommand(
  paths: readonly string[],
  output: Output,
  options: CheckCommandOptions = {},
): Promise<number> {
  let failed = false;
  let nodes: NodeInfo[] | undefined;
  let match: MatchingNodes | undefined;
  if (options.nats !== undefined) {
    const settings = natsSettings(options.nats);
    // The NATS client is loaded only when placements are checked against live nodes.
    const loaded = await loadNats('check', output);
    if (loaded === undefined) return 2;
    const { describeServers, listNodes, localNodeInfo, matchingNodes } = loaded;
    match = matchingNodes;
    try {
      nodes = await listNodes(settings);
      // The host that runs the graph is a node too (plexus run starts it).
      const local = localNodeOptions(options);
      const here = local === undefined ? undefined : localNodeInfo(local, nodes);
      if (here !== undefined) nodes.push(here);
    } catch (error) {
      output.err(
        `plexus check: could not reach NATS at ${describeServers(settings)}: ${(error as Error).message}`,
      );
      return 1;
    }
  }
  for (const path of paths) {
    const { graph: loaded, diagnostics } = await loadGraph(resolve(path));
    if (loaded === undefined) {
      printDiagnostics(output, diagnostics);
      failed = true;
      continue;
    }
    // Built, not run: what add() refuses (a placement that cannot hold) is a problem too.
    try {
      populate(graph(loaded.name), loaded);
    } catch (error) {
      printDiagnostics(output, [
        { file: loaded.path, line: 0, column: 0, message: (error as Error).message },
      ]);
      failed = true;
      continue;
    }
    const placed =
      nodes === undefined
        ? []
        : (await import('../file/checkPlacements.ts')).checkPlacements(loaded, nodes, match!);
    if (placed.length > 0) {
      printDiagnostics(output, placed);
      failed = true;
      continue;
    }
    output.out(`${path}: ok`);
  }
  return failed ? 2 : 0;
}
