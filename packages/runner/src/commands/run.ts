/**
 * `plexus run <graph>`: load, check and run a graph file to completion. Exit codes: 0 done,
 * 1 a component failed or the graph could not finish (deadlocked, stalled), 2 a bad graph file
 * or usage, 130 after SIGINT and 143 after SIGTERM (each a graceful stop: sources stop and what
 * is in flight drains; a second signal stops at once).
 */
import { resolve } from 'node:path';
import { type BackendName, graph } from '@plexus/core';
import type { NatsBackend } from '@plexus/nats';
import { processBackend } from '@plexus/process';
import { workerBackend } from '@plexus/worker';
import { onParentGone } from '../exitWithParent.ts';
import { readsOption } from '../file/graphFileSchema.ts';
import type { LoadedGraph } from '../file/LoadedGraph.ts';
import { loadGraph } from '../file/loadGraph.ts';
import { populate } from '../file/populate.ts';
import { type Output, paint } from '../output.ts';
import { loadNats } from './loadNats.ts';
import { type LocalNodeFlags, localNodeOptions } from './localNodeFlags.ts';
import { natsSettings } from './natsSettings.ts';
import { printDiagnostics } from './printDiagnostics.ts';
import { printFailure } from './printFailure.ts';
import { restartText } from './restartText.ts';
import { StatsTable } from './StatsTable.ts';
import { checkSets, parseSets, type Sets, UsageError } from './setParams.ts';
import { type InspectFlags, startInspector } from './startInspector.ts';

export interface RunCommandOptions extends InspectFlags, LocalNodeFlags {
  readonly backend?: BackendName;
  readonly set?: readonly string[];
  readonly checked?: boolean;
  readonly stats?: boolean;
  /** On a failure, print every stack frame (Plexus's and Node's too) and the causes. */
  readonly verbose?: boolean;
  /** NATS server(s) for components placed on `nats`. */
  readonly nats?: string;
}

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
/** A second signal within this long of the first, the same one, is taken for the first. */
const SAME_SIGNAL_MS = 500;

export async function runCommand(
  path: string,
  options: RunCommandOptions,
  output: Output,
): Promise<number> {
  let sets: Sets;
  try {
    sets = parseSets(options.set ?? []);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`plexus run: ${error.message}`);
    return 2;
  }
  const overrides = {
    ...(options.backend === undefined ? {} : { backend: options.backend }),
    params: sets.params,
  };
  const { graph: loaded, diagnostics } = await loadGraph(resolve(path), overrides);
  if (loaded === undefined) {
    printDiagnostics(output, diagnostics);
    return 2;
  }
  const wrong = checkSets(loaded, sets);
  if (wrong.length > 0) {
    for (const problem of wrong) output.err(`plexus run: ${problem}`);
    return 2;
  }
  for (const kept of sandboxedPlacements(loaded)) {
    if (options.backend === undefined || kept.backend === options.backend) continue;
    output.err(
      paint(
        output,
        'dim',
        `plexus: '${kept.name}' stays on the ${kept.backend} backend, not on --backend ${options.backend}: it asks for a permission sandbox (options.permissions), which only the ${kept.backend} backend enforces`,
      ),
    );
  }
  if (options.backend !== undefined) {
    for (const { name, left } of leftOutOptions(loaded, options.backend)) {
      output.err(
        paint(
          output,
          'dim',
          `plexus: '${name}' runs on --backend ${options.backend} without its option${left.length > 1 ? 's' : ''} ${left.map((o) => `'${o}'`).join(', ')}, which that backend does not read`,
        ),
      );
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
  let nats: NatsBackend | undefined;
  if (options.nats !== undefined) {
    const settings = natsSettings(options.nats);
    // The NATS client is loaded only by runs that use it.
    const loaded = await loadNats('run', output);
    if (loaded === undefined) return 2;
    const { describeServers, natsBackend } = loaded;
    try {
      const verbose = options.verbose === true ? (line: string) => output.err(line) : undefined;
      const localNode = localNodeOptions(options, verbose);
      nats = await natsBackend({
        nats: settings,
        ...(localNode === undefined ? {} : { localNode }),
      });
    } catch (error) {
      output.err(
        `plexus run: could not reach NATS at ${describeServers(settings)}: ${(error as Error).message}`,
      );
      return 1;
    }
  }
  const inspect = await startInspector(options, output);
  if (typeof inspect === 'number') {
    await nats?.close();
    return inspect;
  }
  const table = options.stats === true ? new StatsTable(g, output, output.color) : undefined;
  // A crash the supervisor survives is not silent: one report each, above a live table.
  g.on('component:restart', (info, error, restarts) => {
    const text = restartText(output, info, error, restarts);
    if (table === undefined) output.err(text);
    else table.print(text);
  });
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
      // One graph, then the runner exits: no spare threads for a next run.
      backends: [
        workerBackend({ spares: false }),
        processBackend({ spares: false }),
        ...(nats === undefined ? [] : [nats]),
      ],
      ...(inspect === undefined ? {} : { inspect }),
    });
    table?.finish();
    return received === undefined ? 0 : SIGNAL_EXIT[received];
  } catch (error) {
    table?.finish();
    printFailure(output, error as Error, options.verbose === true);
    return received === undefined ? 1 : SIGNAL_EXIT[received];
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    await inspect?.close();
    await nats?.close();
    offGone();
  }
}

/** Instances moved to `backend` by --backend, with the options of theirs it does not read. */
function leftOutOptions(
  graph: LoadedGraph,
  backend: string,
  prefix = '',
): { readonly name: string; readonly left: readonly string[] }[] {
  return graph.components.flatMap((c) => {
    // A sandboxed placement is not moved (see sandboxedPlacements), nor what is inside it.
    if (c.entry.options?.permissions !== undefined) return [];
    const left = Object.keys(c.entry.options ?? {}).filter((key) => !readsOption(backend, key));
    const own = left.length === 0 ? [] : [{ name: `${prefix}${c.name}`, left }];
    return c.inner === undefined
      ? own
      : [...own, ...leftOutOptions(c.inner, backend, `${prefix}${c.name}/`)];
  });
}

/** Instances (composites included) whose entries carry `options.permissions`, outermost only. */
function sandboxedPlacements(
  graph: LoadedGraph,
  prefix = '',
): { readonly name: string; readonly backend: string }[] {
  return graph.components.flatMap((c) => {
    if (c.entry.options?.permissions !== undefined)
      return [{ name: `${prefix}${c.name}`, backend: c.entry.backend ?? 'inline' }];
    return c.inner === undefined ? [] : sandboxedPlacements(c.inner, `${prefix}${c.name}/`);
  });
}
