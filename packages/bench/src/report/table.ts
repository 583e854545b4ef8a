/** The plain-text report on stdout: one section per benchmark, then every verdict. */
import type { BenchResult } from '../benchmarks/types.ts';
import { formatMet, formatTarget, formatValue } from './format.ts';

/** Lay out rows as left-aligned columns separated by two spaces. */
function columns(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) widths[i] = Math.max(widths[i] ?? 0, row[i]!.length);
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** One benchmark's figures and verdicts. */
function section(result: BenchResult): string {
  const params = Object.entries(result.params)
    .map(([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en') : v}`)
    .join(', ');
  const figures = result.figures.map((f) => {
    const spread =
      f.samples.length > 1
        ? `${formatValue(Math.min(...f.samples), f.unit)} … ${formatValue(Math.max(...f.samples), f.unit)}`
        : '';
    return ['  ' + f.label, formatValue(f.median, f.unit), spread];
  });
  const verdicts = result.verdicts.map((v) => [
    '  ' + v.label,
    formatValue(v.value, v.unit),
    formatTarget(v.target, v.unit),
    formatMet(v.met),
  ]);
  const lines = [`${result.name} — ${result.title} (${params})`];
  if (figures.length > 0)
    lines.push(columns([['  median of rounds', '', 'min … max'], ...figures]));
  if (verdicts.length > 0)
    lines.push(columns([['  ratio or figure', 'value', 'target', ''], ...verdicts]));
  for (const note of result.notes) lines.push(`  note: ${note}`);
  return lines.join('\n');
}

/** Every verdict of every benchmark, in one table. */
function summary(results: readonly BenchResult[]): string {
  const rows = results.flatMap((r) =>
    r.verdicts
      .filter((v) => v.target !== undefined)
      .map((v) => [
        `${r.name}: ${v.label}`,
        formatValue(v.value, v.unit),
        formatTarget(v.target, v.unit),
        formatMet(v.met),
      ]),
  );
  return rows.length === 0
    ? ''
    : `targets\n${columns(rows.map((row) => row.map((c, i) => (i === 0 ? `  ${c}` : c))))}`;
}

/** The whole report. */
export function table(results: readonly BenchResult[]): string {
  return [...results.map(section), summary(results)].filter((s) => s !== '').join('\n\n');
}
