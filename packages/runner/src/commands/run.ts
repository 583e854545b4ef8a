/**
 * `plexus run <graph>`: load, check and run a graph file to completion. Exit codes: 0 done,
 * 1 a component failed, 2 a bad graph file or usage, 130 after SIGINT and 143 after SIGTERM
 * (each a graceful stop: sources stop and what is in flight drains; a second signal stops at
 * once).
 */
import { resolve } from 'node:path';
import { type BackendName, graph } from '@plexus/core';
import { processBackend } from '@plexus/process';
import { workerBackend } from '@plexus/worker';
import { onParentGone } from '../exitWithParent.ts';
import { loadGraph } from '../file/loadGraph.ts';
import { populate } from '../file/populate.ts';
import { type Output, paint } from '../output.ts';
import { printDiagnostics } from './printDiagnostics.ts';
import { StatsTable } from './StatsTable.ts';
import { parseSets, UsageError } from './setParams.ts';

export interface RunCommandOptions {
  readonly backend?: BackendName;
  readonly set?: readonly string[];
  readonly checked?: boolean;
  readonly stats?: boolean;
}

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
/** A second signal within this long of the first, the same one, is taken for the first. */
const SAME_SIGNAL_MS = 500;

export async function runCommand(
  path: string,
  options: RunCommandOptions,
  output: Output,
): Promise<number> {
  let params: Map<string, Record<string, unknown>>;
  try {
    params = parseSets(options.set ?? []);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`plexus run: ${error.message}`);
    return 2;
  }
  const overrides = {
    ...(options.backend === undefined ? {} : { backend: options.backend }),
    params,
  };
  const { graph: loaded, diagnostics } = await loadGraph(resolve(path), overrides);
  if (loaded === undefined) {
    printDiagnostics(output, diagnostics);
    return 2;
  }
  for (const name of params.keys()) {
    if (!loaded.components.some((c) => c.name === name)) {
      output.err(
        `plexus run: --set names '${name}', but ${path} has no component of that name (it has: ${loaded.components.map((c) => c.name).join(', ')})`,
      );
      return 2;
    }
  }
  const g = graph(loaded.name, {
    ...(loaded.file.capacity === undefined ? {} : { capacity: loaded.file.capacity }),
    ...(loaded.file.supervise === undefined ? {} : { supervise: loaded.file.supervise }),
  });
  try {
    populate(g, loaded, overrides);
  } catch (error) {
    output.err(`plexus run: ${(error as Error).message}`);
    return 2;
  }
  const table = options.stats === true ? new StatsTable(g, output, output.color) : undefined;
  let received: keyof typeof SIGNAL_EXIT | undefined;
  let receivedAt = 0;
  const onSignal = (signal: keyof typeof SIGNAL_EXIT) => {
    if (received !== undefined) {
      // The same signal twice at once is one: a terminal's Ctrl-C reaches the runner and the
      // wrapper that started it (pnpm, bin/plexus.mjs), which passes it on as well.
      if (signal === received && performance.now() - receivedAt < SAME_SIGNAL_MS) return;
      output.err(paint(output, 'dim', `plexus: ${signal} again: stopping now`));
      void g.stop();
      return;
    }
    received = signal;
    receivedAt = performance.now();
    output.err(
      paint(
        output,
        'dim',
        `plexus: ${signal}: stopping the sources and draining (${signal} again to stop now)`,
      ),
    );
    void g.stop({ graceful: true });
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  // The command that started the runner is gone (killed): stop as for SIGTERM.
  const offGone = onParentGone((who) => {
    if (received !== undefined) return;
    received = 'SIGTERM';
    output.err(paint(output, 'dim', `plexus: ${who} is gone: stopping the sources and draining`));
    void g.stop({ graceful: true });
  });
  try {
    await g.run({
      ...(options.checked === true ? { checked: true } : {}),
      backends: [workerBackend(), processBackend()],
    });
    table?.finish();
    return received === undefined ? 0 : SIGNAL_EXIT[received];
  } catch (error) {
    table?.finish();
    const failure = error as Error;
    output.err(paint(output, 'red', `plexus: ${failure.message}`));
    const frames = (failure.stack ?? '')
      .split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .slice(0, 8);
    if (frames.length > 0) output.err(paint(output, 'dim', frames.join('\n')));
    return received === undefined ? 1 : SIGNAL_EXIT[received];
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    offGone();
  }
}
