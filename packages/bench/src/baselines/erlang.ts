/**
 * Erlang/OTP baselines: the thread-ring program in packages/bench/erlang, compiled once with
 * `erlc` and run with `erl`, when they are installed (skipped with a note otherwise). Each run
 * times itself inside the VM, so the VM's start-up is not counted.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const sources = fileURLToPath(new URL('../../erlang/', import.meta.url));
let compiled: Promise<string | undefined> | undefined;

/** The installed Erlang/OTP release (`25`), or undefined when `erl` cannot be run. */
export async function erlangVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await run('erl', [
      '-noshell',
      '-eval',
      'io:format("~s", [erlang:system_info(otp_release)]), halt().',
    ]);
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/** Compile the Erlang programs once; the folder of the .beam files, or undefined without Erlang. */
function compile(): Promise<string | undefined> {
  compiled ??= (async () => {
    if ((await erlangVersion()) === undefined) return undefined;
    const out = mkdtempSync(join(tmpdir(), 'plexus-bench-erl-'));
    await run('erlc', ['-o', out, join(sources, 'threadring.erl'), join(sources, 'ring.erl')]);
    return out;
  })();
  return compiled;
}

/** Whether the Erlang baselines can run here. */
export async function erlangAvailable(): Promise<boolean> {
  return (await compile()) !== undefined;
}

/** Thread-ring in Erlang: 503 processes pass a token `hops` times; resolves with hops/s. */
export async function erlangThreadring(hops: number): Promise<number> {
  const beams = await compile();
  if (beams === undefined)
    throw new Error(
      'Erlang is not installed: install erlang-base (erl, erlc) to run this baseline.',
    );
  const { stdout } = await run('erl', [
    '-noshell',
    '-pa',
    beams,
    '-run',
    'threadring',
    'main',
    String(hops),
  ]);
  const [, micros] = stdout.trim().split(/\s+/).map(Number);
  if (micros === undefined || !Number.isFinite(micros))
    throw new Error(
      `The Erlang thread-ring printed '${stdout.trim()}', not '<id> <microseconds>'.`,
    );
  return (hops * 1e6) / micros;
}

/** A ring of `size` Erlang processes passing a token `hops` times: spawn time, bytes per process, hops/s. */
export async function erlangRing(
  size: number,
  hops: number,
): Promise<{ createMs: number; bytesPerComponent: number; hopsPerSecond: number }> {
  const beams = await compile();
  if (beams === undefined)
    throw new Error(
      'Erlang is not installed: install erlang-base (erl, erlc) to run this baseline.',
    );
  const { stdout } = await run(
    'erl',
    [
      '+P',
      String(Math.max(262_144, size * 2)),
      '-noshell',
      '-pa',
      beams,
      '-run',
      'ring',
      'main',
      String(size),
      String(hops),
    ],
    { maxBuffer: 1 << 20 },
  );
  const [spawnMicros, bytes, hopMicros] = stdout.trim().split(/\s+/).map(Number);
  if (![spawnMicros, bytes, hopMicros].every((n) => n !== undefined && Number.isFinite(n))) {
    throw new Error(
      `The Erlang ring printed '${stdout.trim()}', not '<spawn µs> <bytes> <hop µs>'.`,
    );
  }
  return {
    createMs: spawnMicros! / 1000,
    bytesPerComponent: bytes!,
    hopsPerSecond: (hops * 1e6) / hopMicros!,
  };
}
