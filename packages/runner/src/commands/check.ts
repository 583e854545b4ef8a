/** `plexus check <graph...>`: validate without running; every problem at its file:line:column. */
import { resolve } from 'node:path';
import { graph } from '@plexus/core';
import { loadGraph } from '../file/loadGraph.ts';
import { populate } from '../file/populate.ts';
import type { Output } from '../output.ts';
import { printDiagnostics } from './printDiagnostics.ts';

export async function checkCommand(paths: readonly string[], output: Output): Promise<number> {
  let failed = false;
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
    output.out(`${path}: ok`);
  }
  return failed ? 2 : 0;
}
