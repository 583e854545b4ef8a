/**
 * `pnpm bench [name ...]`: run the benchmarks, Plexus and its baselines alternating in the same
 * run, and report medians and ratios (a table on stdout; `--json`, `--docs` on request).
 */
import { resolve } from 'node:path';
import { erlangVersion } from './baselines/erlang.ts';
import { benchmarks } from './benchmarks/index.ts';
import type { BenchResult } from './benchmarks/types.ts';
import { parse, USAGE } from './cli/args.ts';
import { contend } from './measure/contention.ts';
import { machine } from './measure/machine.ts';
import { table } from './report/table.ts';

async function main(argv: readonly string[]): Promise<number> {
  const args = parse(argv);
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.list) {
    for (const b of benchmarks) console.log(`${b.name.padEnd(14)} ${b.title}`);
    return 0;
  }
  const unknown = args.names.filter((name) => !benchmarks.some((b) => b.name === name));
  if (unknown.length > 0) {
    console.error(
      `There is no benchmark named ${unknown.map((n) => `'${n}'`).join(', ')}. ` +
        `Choose from: ${benchmarks.map((b) => b.name).join(', ')} (or none, to run them all).`,
    );
    return 2;
  }
  const selected =
    args.names.length === 0 ? benchmarks : benchmarks.filter((b) => args.names.includes(b.name));
  const rounds = args.rounds ?? (args.quick ? 1 : 5);
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const host = machine(await erlangVersion(), args.contended);
  const results: BenchResult[] = [];
  let failed = 0;
  if (args.contended > 0) log(`contended: ${args.contended} CPU-burning background threads`);
  const contention = await contend(args.contended);
  try {
    for (const benchmark of selected) {
      log(`${benchmark.name}: ${benchmark.title}`);
      const started = performance.now();
      try {
        results.push(
          await benchmark.run({ quick: args.quick, rounds, contended: args.contended, log }),
        );
        log(`${benchmark.name}: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      } catch (error) {
        failed++;
        log(`Benchmark '${benchmark.name}' failed: ${(error as Error)?.stack ?? String(error)}`);
      }
    }
  } finally {
    await contention.stop();
  }
  console.log(table(results));
  if (args.json !== undefined) {
    const { writeJson } = await import('./report/json.ts');
    const path = resolve(process.env.INIT_CWD ?? process.cwd(), args.json);
    await writeJson(path, results, host, {
      quick: args.quick,
      rounds,
      contended: args.contended,
      benchmarks: selected.map((b) => b.name),
    });
    log(`Wrote ${path}.`);
  }
  if (args.docs) {
    const { updateDocs } = await import('./report/docs.ts');
    log(`Updated ${await updateDocs(results, host)}.`);
  }
  return failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(2);
  },
);
