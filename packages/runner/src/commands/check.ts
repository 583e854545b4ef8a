/** `plexus check <graph...>`: validate without running; every problem at its file:line:column. */
import { resolve } from 'node:path';
import { loadGraph } from '../file/loadGraph.ts';
import type { Output } from '../output.ts';
import { printDiagnostics } from './printDiagnostics.ts';

export async function checkCommand(paths: readonly string[], output: Output): Promise<number> {
  let failed = false;
  for (const path of paths) {
    const { diagnostics } = await loadGraph(resolve(path));
    if (diagnostics.length > 0) {
      printDiagnostics(output, diagnostics);
      failed = true;
    } else {
      output.out(`${path}: ok`);
    }
  }
  return failed ? 2 : 0;
}
