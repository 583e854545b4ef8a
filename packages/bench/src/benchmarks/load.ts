/**
 * load — `plexus check` on large graph files, each in a fresh process: a 50 MB YAML file
 * (half a million initial messages) and a graph of 10,000 components. Both must finish in
 * seconds within a few hundred MB; files over 64 MB are refused before they are read.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runIsolated } from '../isolated/runIsolated.ts';
import { alternate, figure } from '../measure/rounds.ts';
import { atMost, check } from '../measure/verdict.ts';
import type { LoadFigures } from '../trials/loadCheck.ts';
import type { BenchContext, Benchmark, BenchResult } from './types.ts';

const trial = new URL('../trials/loadCheck.ts', import.meta.url);
/** Generated files live inside the package: a graph file uses modules by path only in its project. */
const scratch = fileURLToPath(new URL(`../../.load-${process.pid}/`, import.meta.url));
const FLOW = '../src/components/flow.ts';

/** A graph file of about `mb` MB: one pass-through fed `initial` messages of 90 characters. */
function bigFile(mb: number): string {
  const line = `    - "${'x'.repeat(90)}"\n`;
  const count = Math.ceil((mb * 1e6) / line.length);
  return `description: ${count} initial messages through one pass-through.
components:
  feed: { use: ${FLOW}#FastPass }
  sink: { use: ${FLOW}#Drain }
links:
  - feed.out -> sink.in
initial:
  feed.in:
${line.repeat(count)}`;
}

/** A graph file of a source, `n` pass-throughs in a chain, and a sink. */
function manyComponents(n: number): string {
  const parts = [`description: A chain of ${n} pass-throughs.`, 'components:'];
  parts.push(`  source: { use: ${FLOW}#Generate, params: { count: 0 } }`);
  for (let i = 0; i < n; i++) parts.push(`  p${i}: { use: ${FLOW}#FastPass }`);
  parts.push(`  sink: { use: ${FLOW}#Drain }`, 'links:', '  - source.out -> p0.in');
  for (let i = 1; i < n; i++) parts.push(`  - p${i - 1}.out -> p${i}.in`);
  parts.push(`  - p${n - 1}.out -> sink.in`);
  return `${parts.join('\n')}\n`;
}

export const load: Benchmark = {
  name: 'load',
  title: 'plexus check on a 50 MB YAML file and on a graph of 10,000 components',
  async run(context: BenchContext): Promise<BenchResult> {
    const mb = context.quick ? 1 : 50;
    const components = context.quick ? 500 : 10_000;
    mkdirSync(scratch, { recursive: true });
    try {
      const big = join(scratch, 'big.graph.yaml');
      const many = join(scratch, 'many.graph.yaml');
      writeFileSync(big, bigFile(mb));
      writeFileSync(many, manyComponents(components));
      const samples = await alternate(
        [
          {
            key: 'big',
            label: `${mb} MB YAML`,
            run: async () => ({
              ...(await runIsolated<LoadFigures>(trial, 'loadCheck', { path: big })),
            }),
          },
          {
            key: 'many',
            label: `${components} components`,
            run: async () => ({
              ...(await runIsolated<LoadFigures>(trial, 'loadCheck', { path: many })),
            }),
          },
        ],
        Math.min(context.rounds, 3),
        context.log,
        { warmUp: false },
      );
      const bigMs = figure(samples, 'big', `check, ${mb} MB YAML: time`, 'ms', 'lower', 'ms');
      const bigRss = figure(
        samples,
        'big',
        `check, ${mb} MB YAML: peak RSS`,
        'MB',
        'lower',
        'peakRssMb',
      );
      const manyMs = figure(
        samples,
        'many',
        `check, ${components} components: time`,
        'ms',
        'lower',
        'ms',
      );
      const manyRss = figure(
        samples,
        'many',
        `check, ${components} components: peak RSS`,
        'MB',
        'lower',
        'peakRssMb',
      );
      return {
        name: 'load',
        title: load.title,
        params: { megabytes: mb, components, rounds: Math.min(context.rounds, 3) },
        figures: [bigMs, bigRss, manyMs, manyRss],
        verdicts: [
          check(`check, ${mb} MB YAML: time`, bigMs.median, 'ms', atMost(10_000)),
          check(`check, ${mb} MB YAML: peak RSS`, bigRss.median, 'MB', atMost(512)),
          check(`check, ${components} components: time`, manyMs.median, 'ms', atMost(10_000)),
          check(`check, ${components} components: peak RSS`, manyRss.median, 'MB', atMost(512)),
        ],
        notes: [
          "Each check runs in a fresh process, timed from the command's call to its exit code (Node's start and the import of the runner are not counted; the peak RSS includes them). Graph files over 64 MB (PLEXUS_MAX_GRAPH_FILE_MB) are refused before they are read.",
        ],
      };
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};
