/**
 * Alternating rounds: every contender runs once per round, in an order that rotates from round
 * to round, so Plexus and its baselines share the machine's mood (other load, thermal state,
 * JIT warmth) and no contender always goes first. Medians are taken over the rounds.
 */
import type { Better, Figure } from '../benchmarks/types.ts';
import { fullGc } from './gc.ts';
import { sparesSettled } from './spares.ts';
import { median } from './stats.ts';

/** What one run of a contender measured: one number, or several named ones. */
type Sample = number | Readonly<Record<string, number>>;

/** One of the things a benchmark compares. */
export interface Contender {
  readonly key: string;
  readonly label: string;
  /** False for a contender with nothing to warm (a fresh VM or process every run). */
  readonly warmUp?: boolean;
  run(): Promise<Sample>;
}

/** Samples of every contender: `key` → measure name (`value` for a plain number) → samples. */
export type Samples = Map<string, Map<string, number[]>>;

/** Options of {@link alternate}. */
export interface AlternateOptions {
  /**
   * Run every contender once first, unrecorded, so the JIT has compiled everyone's hot code and
   * caches are warm before anything is measured. Default true; isolated trials (a fresh
   * process each time) have nothing to warm.
   */
  readonly warmUp?: boolean;
}

/**
 * Run every contender `rounds` times, alternating, with a full GC before each run, and once the
 * spare threads and children the last run left have booted (measure/spares.ts).
 */
export async function alternate(
  contenders: readonly Contender[],
  rounds: number,
  log: (message: string) => void,
  options: AlternateOptions = {},
): Promise<Samples> {
  const samples: Samples = new Map(contenders.map((c) => [c.key, new Map()]));
  if (options.warmUp ?? true) {
    for (const contender of contenders) {
      if (contender.warmUp === false) continue;
      await sparesSettled();
      fullGc();
      await contender.run();
      log(`  warm-up ${contender.label}`);
    }
  }
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < contenders.length; i++) {
      const contender = contenders[(round + i) % contenders.length]!;
      await sparesSettled();
      fullGc();
      const sample = await contender.run();
      const named = typeof sample === 'number' ? { value: sample } : sample;
      const into = samples.get(contender.key)!;
      for (const [measure, value] of Object.entries(named)) {
        if (!into.has(measure)) into.set(measure, []);
        into.get(measure)!.push(value);
      }
      log(`  round ${round + 1}/${rounds} ${contender.label}: ${describe(named)}`);
    }
  }
  return samples;
}

function describe(named: Readonly<Record<string, number>>): string {
  return Object.entries(named)
    .map(([k, v]) => (k === 'value' ? fmt(v) : `${k} ${fmt(v)}`))
    .join(', ');
}

function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}

/** A figure from the samples of `key` (measure `value` unless named). */
export function figure(
  samples: Samples,
  key: string,
  label: string,
  unit: string,
  better: Better,
  measure = 'value',
): Figure {
  const values = samples.get(key)?.get(measure) ?? [];
  return {
    key: measure === 'value' ? key : `${key}.${measure}`,
    label,
    unit,
    better,
    median: median(values),
    samples: values,
  };
}
