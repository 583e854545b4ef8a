/**
 * The chart in docs/performance.md: one horizontal bar per verdict on a log scale. A ratio's
 * bar is Plexus ÷ baseline, with a tick at its target; an absolute figure's bar is its margin
 * (limit ÷ measured, so above 1 means within the limit). Green met, red missed, grey no target.
 */
import type { BenchResult, Verdict } from '../benchmarks/types.ts';
import { formatTarget, formatValue } from './format.ts';

const WIDTH = 940;
const LABEL = 390;
const ROW = 22;
const TOP = 46;
const MIN = 0.1;
const MAX = 1000;

/** Where a bar ends: the ratio itself, or an absolute figure's margin against its limit. */
function barValue(verdict: Verdict): number {
  if (verdict.unit === '×' || verdict.target === undefined) return verdict.value;
  return verdict.target.op === '>='
    ? verdict.value / verdict.target.bound
    : verdict.target.bound / verdict.value;
}

function x(value: number): number {
  const clamped = Math.min(MAX, Math.max(MIN, value));
  const span = Math.log10(MAX) - Math.log10(MIN);
  return LABEL + ((Math.log10(clamped) - Math.log10(MIN)) / span) * (WIDTH - LABEL - 90);
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The SVG document for `results`. */
export function chart(results: readonly BenchResult[], caption: string): string {
  const rows = results.flatMap((r) => r.verdicts.map((v) => ({ bench: r.name, verdict: v })));
  const height = TOP + rows.length * ROW + 40;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>Plexus ÷ baseline for every benchmark, on a log scale (${xml(caption)})</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold">Plexus ÷ baseline (log scale; above 1 Plexus does better). Absolute figures: limit ÷ measured.</text>`,
    `<text x="10" y="34" fill="#555">${xml(caption)}</text>`,
  ];
  for (const tick of [0.1, 0.5, 1, 2, 10, 100, 1000]) {
    const tx = x(tick).toFixed(1);
    const bottom = TOP + rows.length * ROW;
    parts.push(
      `<line x1="${tx}" y1="${TOP - 4}" x2="${tx}" y2="${bottom}" stroke="${tick === 1 ? '#333' : '#ddd'}"/>`,
      `<text x="${tx}" y="${bottom + 14}" text-anchor="middle" fill="#555">${tick}×</text>`,
    );
  }
  rows.forEach(({ bench, verdict }, i) => {
    const y = TOP + i * ROW;
    const value = barValue(verdict);
    const colour = verdict.met === undefined ? '#9aa' : verdict.met ? '#3a3' : '#d33';
    const end = x(value);
    const from = Math.min(x(1), end);
    const label = `${bench}: ${verdict.label}`;
    parts.push(
      `<text x="${LABEL - 8}" y="${y + 14}" text-anchor="end">${xml(label.length > 56 ? `${label.slice(0, 55)}…` : label)}</text>`,
      `<rect x="${from.toFixed(1)}" y="${y + 4}" width="${Math.max(1, Math.abs(end - x(1))).toFixed(1)}" height="${ROW - 8}" fill="${colour}"/>`,
      `<text x="${(Math.max(end, x(1)) + 4).toFixed(1)}" y="${y + 14}" fill="#333">${xml(formatValue(verdict.value, verdict.unit))}${verdict.target ? ` (${xml(formatTarget(verdict.target, verdict.unit))})` : ''}</text>`,
    );
    if (verdict.unit === '×' && verdict.target !== undefined) {
      const tx = x(verdict.target.bound).toFixed(1);
      parts.push(
        `<line x1="${tx}" y1="${y + 1}" x2="${tx}" y2="${y + ROW - 1}" stroke="#000" stroke-width="2"/>`,
      );
    }
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
