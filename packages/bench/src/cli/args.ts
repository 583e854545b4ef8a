/** The command line: which benchmarks, how many rounds, and where the report goes. */
import { parseArgs } from 'node:util';

/** What the command line asked for. */
export interface Args {
  /** Benchmark names; empty means all. */
  readonly names: readonly string[];
  readonly quick: boolean;
  /** Rounds per benchmark; undefined means each benchmark's default. */
  readonly rounds: number | undefined;
  /** CPU-burning background threads for the whole run (0: none). */
  readonly contended: number;
  /** Write every figure and ratio, with the machine's details, here. */
  readonly json: string | undefined;
  /** Rewrite the table and chart in docs/performance.md from this run. */
  readonly docs: boolean;
  readonly list: boolean;
  readonly help: boolean;
}

export const USAGE = `Usage: pnpm bench [name ...] [--quick] [--rounds N] [--contended N] [--json FILE] [--docs] [--list]

  name        run only these benchmarks (default: all); --list shows them
  --quick     tiny sizes, one round: checks the machinery, measures nothing worth reading
  --rounds N  alternate the contenders over N rounds (default 5; 1 with --quick)
  --contended N
              N CPU-burning threads run in the background throughout, for Plexus and its
              baselines alike: figures on a busy machine (2 on a 2-core machine ~ load 4)
  --json FILE write every figure, ratio and the machine's details to FILE
  --docs      update the table and chart in docs/performance.md from this run`;

/** Parse `argv` (without node and the script); throws a sentence naming the bad option. */
export function parse(argv: readonly string[]): Args {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      contended: { type: 'string' },
      json: { type: 'string' },
      docs: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  let rounds: number | undefined;
  if (values.rounds !== undefined) {
    rounds = Number(values.rounds);
    if (!Number.isInteger(rounds) || rounds < 1) {
      throw new Error(`--rounds takes a whole number of at least 1, not '${values.rounds}'.`);
    }
  }
  let contended = 0;
  if (values.contended !== undefined) {
    contended = Number(values.contended);
    if (!Number.isInteger(contended) || contended < 0 || contended > 64) {
      throw new Error(
        `--contended takes a whole number of background threads from 0 to 64, not '${values.contended}'.`,
      );
    }
  }
  return {
    names: positionals,
    contended,
    quick: values.quick ?? false,
    rounds,
    json: values.json,
    docs: values.docs ?? false,
    list: values.list ?? false,
    help: values.help ?? false,
  };
}
