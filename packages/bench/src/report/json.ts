/** `--json FILE`: every figure, sample, ratio and target, with the machine's details. */
import { writeFile } from 'node:fs/promises';
import type { BenchResult } from '../benchmarks/types.ts';
import type { Machine } from '../measure/machine.ts';

/** How the run was asked for. */
export interface RunSettings {
  readonly quick: boolean;
  readonly rounds: number;
  /** CPU-burning background threads during the run (`--contended`). */
  readonly contended: number;
  readonly benchmarks: readonly string[];
}

/** Write the JSON report — machine, settings, and each benchmark's result — to `path`. */
export async function writeJson(
  path: string,
  results: readonly BenchResult[],
  machine: Machine,
  settings: RunSettings,
): Promise<void> {
  const document = { machine, settings, benchmarks: results };
  await writeFile(path, `${JSON.stringify(document, null, 2)}\n`);
}
