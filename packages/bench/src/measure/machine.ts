/** The machine a run happened on, for the JSON report: figures mean little without it. */
import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';

/** What the report records about the machine and the run. */
export interface Machine {
  readonly date: string;
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryBytes: number;
  readonly freeMemoryBytes: number;
  /** 1, 5 and 15 minute load averages when the run started: other work on a shared machine. */
  readonly loadAverage: readonly number[];
  readonly erlang: string | undefined;
  /** CPU-burning background threads the run added (`--contended`; 0 for none). */
  readonly contended: number;
}

/** Describe this machine now. */
export function machine(erlang: string | undefined, contended = 0): Machine {
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${platform()} ${release()}`,
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryBytes: totalmem(),
    freeMemoryBytes: freemem(),
    loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
    erlang,
    contended,
  };
}
