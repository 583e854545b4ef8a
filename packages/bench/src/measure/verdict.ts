/**
 * Verdicts: a ratio of Plexus to a baseline, or an absolute figure, held against its target.
 * Every ratio is a performance ratio — above 1 means Plexus did better — whichever way the
 * figures point: Plexus ÷ baseline for rates, baseline ÷ Plexus for times and sizes.
 */
import type { Figure, Target, Verdict } from '../benchmarks/types.ts';

/** Whether `value` meets `target`. */
function meets(value: number, target: Target): boolean {
  if (!Number.isFinite(value)) return false;
  if (target.op === '>=') return value >= target.bound;
  if (target.op === '<=') return value <= target.bound;
  return value < target.bound;
}

/** Plexus's performance relative to a baseline's, optionally against a target. */
export function ratio(label: string, plexus: Figure, baseline: Figure, target?: Target): Verdict {
  const value =
    plexus.better === 'higher' ? plexus.median / baseline.median : baseline.median / plexus.median;
  return verdict(label, value, '×', target);
}

/** An absolute figure against its target. */
export function check(label: string, value: number, unit: string, target?: Target): Verdict {
  return verdict(label, value, unit, target);
}

function verdict(label: string, value: number, unit: string, target?: Target): Verdict {
  return target === undefined
    ? { label, value, unit }
    : { label, value, unit, target, met: meets(value, target) };
}

/** `>= 0.5` and friends, for targets written inline. */
export const atLeast = (bound: number): Target => ({ op: '>=', bound });
export const atMost = (bound: number): Target => ({ op: '<=', bound });
export const below = (bound: number): Target => ({ op: '<', bound });
