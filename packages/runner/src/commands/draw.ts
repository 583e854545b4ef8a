/**
 * `plexus draw <graph> -o <file>`: a picture of the graph — `.svg` (Graphviz compiled to
 * WebAssembly, no system binary needed), `.mmd` (Mermaid) or `.dot`, chosen by the extension.
 * Each component shows its backend (by colour), and its group and replicas when it has them.
 */
import { extname, resolve } from 'node:path';
import { graph } from '@plexus/core';
import { shapeOf, toDot } from '@plexus/inspector';
import { withPlacement } from '../draw/placement.ts';
import { toMermaid } from '../draw/toMermaid.ts';
import { loadGraph } from '../file/loadGraph.ts';
import { populate } from '../file/populate.ts';
import type { Output } from '../output.ts';
import { printDiagnostics } from './printDiagnostics.ts';
import { writeOutput } from './writeOutput.ts';

const FORMATS = ['.svg', '.mmd', '.dot'];

export async function drawCommand(
  path: string,
  options: { output: string },
  output: Output,
): Promise<number> {
  const format = extname(options.output).toLowerCase();
  if (!FORMATS.includes(format)) {
    output.err(
      `plexus draw: cannot tell what to draw from '${options.output}'; end the file name in ${FORMATS.join(', ')}`,
    );
    return 2;
  }
  const { graph: loaded, diagnostics } = await loadGraph(resolve(path));
  if (loaded === undefined) {
    printDiagnostics(output, diagnostics);
    return 2;
  }
  const g = graph(loaded.name);
  try {
    populate(g, loaded);
  } catch (error) {
    output.err(`plexus draw: ${(error as Error).message}`);
    return 2;
  }
  const shape = withPlacement(shapeOf(g), loaded);
  const dot = toDot(shape);
  let text: string;
  if (format === '.dot') text = dot;
  else if (format === '.mmd') text = toMermaid(shape);
  else {
    const viz = await (await import('@viz-js/viz')).instance();
    text = viz.renderString(dot, { format: 'svg' });
  }
  const failed = writeOutput(options.output, text, `${loaded.name}${format}`);
  if (failed !== undefined) {
    output.err(`plexus draw: ${failed}`);
    return 2;
  }
  output.out(`wrote ${options.output}`);
  return 0;
}
