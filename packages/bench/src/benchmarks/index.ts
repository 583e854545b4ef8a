/** Every benchmark, in the order `pnpm bench` runs them. */
import { fanout } from './fanout.ts';
import { pipeline } from './pipeline.ts';
import { ring } from './ring.ts';
import { threadring } from './threadring.ts';
import type { Benchmark } from './types.ts';

export const benchmarks: readonly Benchmark[] = [pipeline, threadring, ring, fanout];
