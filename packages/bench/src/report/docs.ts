/**
 * `--docs`: write the run's tables into docs/performance.md, between its two result markers,
 * and the chart to docs/performance.svg. The prose around the markers is left as it is.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from '../benchmarks/types.ts';
import type { Machine } from '../measure/machine.ts';
import { chart } from './chart.ts';
import { detailsList, figureTable, targetsLine, verdictTable } from './markdown.ts';

const docs = new URL('../../../../docs/', import.meta.url);
const BEGIN = '<!-- bench:results:begin (written by `pnpm bench --docs`; do not edit by hand) -->';
const END = '<!-- bench:results:end -->';

/** The generated block: summary, chart, tables, sizes and machine. */
function resultsBlock(results: readonly BenchResult[], machine: Machine): string {
  return [
    BEGIN,
    '',
    `**${targetsLine(results)}**`,
    '',
    '![Plexus ÷ baseline for every benchmark, on a log scale](performance.svg)',
    '',
    verdictTable(results),
    '',
    'Medians of the rounds, and their spread:',
    '',
    figureTable(results),
    '',
    detailsList(results, machine),
    '',
    END,
  ].join('\n');
}

/** Update docs/performance.md and docs/performance.svg; resolves with the Markdown file's path. */
export async function updateDocs(
  results: readonly BenchResult[],
  machine: Machine,
): Promise<string> {
  const page = fileURLToPath(new URL('performance.md', docs));
  const text = await readFile(page, 'utf8').catch(() => '');
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(
      `${page} has no results markers; put '${BEGIN}' and '${END}' on lines of their own where the results belong.`,
    );
  }
  const block = resultsBlock(results, machine);
  await writeFile(page, text.slice(0, start) + block + text.slice(end + END.length));
  const caption = `${machine.date.slice(0, 10)} · ${machine.cores} cores · Node ${machine.node}`;
  await writeFile(fileURLToPath(new URL('performance.svg', docs)), chart(results, caption));
  return page;
}
