/** The results as Markdown tables, for docs/performance.md. */
import type { BenchResult } from '../benchmarks/types.ts';
import type { Machine } from '../measure/machine.ts';
import { formatTarget, formatValue } from './format.ts';

function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

/** Every verdict (ratios and absolute figures) with its target. */
export function verdictTable(results: readonly BenchResult[]): string {
  const lines = [
    row(['benchmark', 'ratio or figure', 'measured', 'target', '']),
    row(['---', '---', '---:', '---:', '---']),
  ];
  for (const r of results) {
    for (const v of r.verdicts) {
      lines.push(
        row([
          r.name,
          v.label,
          formatValue(v.value, v.unit),
          formatTarget(v.target, v.unit),
          v.met === undefined ? '' : v.met ? 'met' : '**missed**',
        ]),
      );
    }
  }
  return lines.join('\n');
}

/** Every contender's median and spread. */
export function figureTable(results: readonly BenchResult[]): string {
  const lines = [
    row(['benchmark', 'what', 'median', 'min … max']),
    row(['---', '---', '---:', '---:']),
  ];
  for (const r of results) {
    for (const f of r.figures) {
      const spread =
        f.samples.length > 1
          ? `${formatValue(Math.min(...f.samples), f.unit)} … ${formatValue(Math.max(...f.samples), f.unit)}`
          : '';
      lines.push(row([r.name, f.label, formatValue(f.median, f.unit), spread]));
    }
  }
  return lines.join('\n');
}

/** Sizes, notes and the machine. */
export function detailsList(results: readonly BenchResult[], machine: Machine): string {
  const lines = [
    `Run on ${machine.date.slice(0, 10)}: ${machine.cpu}, ${machine.cores} cores, ${Math.round(machine.memoryBytes / 2 ** 30)} GB, ` +
      `Node ${machine.node}, ${machine.platform}${machine.erlang ? `, Erlang/OTP ${machine.erlang}` : ''}; ` +
      `load average at the start ${machine.loadAverage.join(' / ')}` +
      (machine.contended > 0
        ? `; contended: ${machine.contended} CPU-burning background threads throughout.`
        : '.'),
    '',
  ];
  for (const r of results) {
    const params = Object.entries(r.params)
      .map(([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en') : v}`)
      .join(', ');
    lines.push(`- **${r.name}** (${params})${r.notes.length > 0 ? `: ${r.notes.join(' ')}` : ''}`);
  }
  return lines.join('\n');
}

/** `7 of 9 targets met (missed: …).` */
export function targetsLine(results: readonly BenchResult[]): string {
  const judged = results.flatMap((r) =>
    r.verdicts.filter((v) => v.met !== undefined).map((v) => ({ r, v })),
  );
  const missed = judged.filter(({ v }) => v.met === false);
  const met = judged.length - missed.length;
  if (missed.length === 0) return `${met} of ${judged.length} targets met.`;
  const list = missed.map(
    ({ r, v }) =>
      `${r.name}: ${v.label} ${formatValue(v.value, v.unit)}, target ${formatTarget(v.target, v.unit)}`,
  );
  return `${met} of ${judged.length} targets met; missed: ${list.join('; ')}.`;
}
