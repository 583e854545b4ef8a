/** The shapes every benchmark shares: what it is given, what it measures and what it reports. */

/** How a benchmark is asked to run. */
export interface BenchContext {
  /** Tiny sizes and few rounds: checks the machinery, measures nothing worth reading. */
  readonly quick: boolean;
  /** Rounds to alternate the contenders over (medians are taken across them). */
  readonly rounds: number;
  /** CPU-burning background threads running beside every contender (`--contended`; 0 for none). */
  readonly contended?: number;
  /** Progress for the person watching (stderr). */
  log(message: string): void;
}

/** Which way is better for a figure. */
export type Better = 'higher' | 'lower';

/** One measured quantity of one contender: its median over the rounds, and every sample. */
export interface Figure {
  /** Short key, stable across runs (`plexus`, `queues`, `erlang`). */
  readonly key: string;
  /** What was measured, for people. */
  readonly label: string;
  readonly unit: string;
  readonly better: Better;
  readonly median: number;
  readonly samples: readonly number[];
}

/** A bound a figure or ratio should meet. */
export interface Target {
  readonly op: '>=' | '<=' | '<';
  readonly bound: number;
}

/** A verdict row: a ratio of Plexus to a baseline, or an absolute figure, against its target. */
export interface Verdict {
  readonly label: string;
  readonly value: number;
  /** `×` for ratios; otherwise the unit of the figure. */
  readonly unit: string;
  readonly target?: Target;
  /** Undefined when there is no target. */
  readonly met?: boolean;
}

/** Everything one benchmark reports. */
export interface BenchResult {
  readonly name: string;
  readonly title: string;
  /** The sizes it ran with (messages, stages, rounds). */
  readonly params: Readonly<Record<string, number | string>>;
  readonly figures: readonly Figure[];
  readonly verdicts: readonly Verdict[];
  /** Things a reader needs: skipped baselines, caveats. */
  readonly notes: readonly string[];
}

/** A benchmark: a name to select it by, and a run. */
export interface Benchmark {
  readonly name: string;
  /** One line: what it measures. */
  readonly title: string;
  run(context: BenchContext): Promise<BenchResult>;
}
