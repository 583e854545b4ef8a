/** Every benchmark, in the order `pnpm bench` runs them. */
import { backpressure } from './backpressure.ts';
import { fanout } from './fanout.ts';
import { load } from './load.ts';
import { natsLink } from './natsLink.ts';
import { parallel } from './parallel.ts';
import { pipeline } from './pipeline.ts';
import { processLink } from './processLink.ts';
import { ring } from './ring.ts';
import { startup } from './startup.ts';
import { threadring } from './threadring.ts';
import type { Benchmark } from './types.ts';
import { workerLink } from './workerLink.ts';

export const benchmarks: readonly Benchmark[] = [
  pipeline,
  threadring,
  ring,
  fanout,
  workerLink,
  processLink,
  natsLink,
  parallel,
  backpressure,
  startup,
  load,
];
