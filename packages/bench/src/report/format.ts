/** Numbers for people: 4.52M msgs/s, 1.7 KB, 312 ms, 2.51×. */
import type { Target } from '../benchmarks/types.ts';

/** A value with its unit, scaled to a readable size. */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (unit === '×') return `${value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)}×`;
  if (unit === 'ms')
    return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toPrecision(3)} ms`;
  if (unit === 's') return `${value.toPrecision(3)} s`;
  if (unit === 'bytes') return bytes(value);
  return `${scaled(value)} ${unit}`;
}

/** 4,520,000 → 4.52M; 26,100 → 26.1k. */
function scaled(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toPrecision(3)}G`;
  if (abs >= 1e6) return `${(value / 1e6).toPrecision(3)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toPrecision(3)}k`;
  return abs >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

function bytes(value: number): string {
  if (value >= 1024 * 1024)
    return `${(value / 1024 / 1024).toFixed(value >= 100 * 1024 * 1024 ? 0 : 1)} MB`;
  if (value >= 1024) return `${(value / 1024).toFixed(2)} KB`;
  return `${value.toFixed(0)} B`;
}

/** `≥ 0.5×`, `< 4 s`. */
export function formatTarget(target: Target | undefined, unit: string): string {
  if (target === undefined) return '';
  const op = target.op === '>=' ? '≥' : target.op === '<=' ? '≤' : '<';
  return `${op} ${formatValue(target.bound, unit)}`;
}

/** `met`, `MISSED`, or blank without a target. */
export function formatMet(met: boolean | undefined): string {
  return met === undefined ? '' : met ? 'met' : 'MISSED';
}
