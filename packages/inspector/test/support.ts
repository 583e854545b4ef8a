/**
 * Running a graph with an inspector, and reading what the inspector serves, as a client would.
 */
import type { Graph, RunResult } from '@plexus/core';
import type { Backend } from '@plexus/core/backend';
import { type Inspector, type InspectorOptions, inspector } from '@plexus/inspector';
import { type InspectorEvent, watchInspector } from '@plexus/inspector/client';
import { processBackend } from '@plexus/process';
import { workerBackend } from '@plexus/worker';

export interface Watched {
  readonly inspector: Inspector;
  readonly url: string;
  /** The run's outcome (a failure is returned, not thrown). */
  readonly done: Promise<RunResult | Error>;
}

const started: Watched[] = [];

/**
 * Run `g` with an inspector (quiet, lingering until the test ends) on the worker and process
 * backends and `backends`; resolves once it listens.
 */
export async function watch(
  g: Graph,
  options: InspectorOptions = {},
  backends: readonly Backend[] = [],
): Promise<Watched> {
  const made = inspector({ onListening: () => {}, linger: Number.POSITIVE_INFINITY, ...options });
  const done = g
    .run({ inspect: made, backends: [workerBackend(), processBackend(), ...backends] })
    .catch((error: Error) => error);
  const watched = { inspector: made, url: await made.ready, done };
  started.push(watched);
  return watched;
}

/** Stop every graph `watch` started and close its inspector (call in afterEach). */
export async function unwatchAll(graphs: readonly Graph[]): Promise<void> {
  await Promise.all(graphs.map((g) => g.stop()));
  for (const watched of started.splice(0)) {
    await watched.done;
    await watched.inspector.close();
  }
}

/** Read the inspector's stream until `until` returns true for an event (or the stream ends). */
export async function read(
  url: string,
  until: (event: InspectorEvent, seen: InspectorEvent[]) => boolean,
): Promise<InspectorEvent[]> {
  const seen: InspectorEvent[] = [];
  const stop = new AbortController();
  for await (const event of watchInspector(url, stop.signal)) {
    seen.push(event);
    if (until(event, seen)) {
      stop.abort();
      break;
    }
  }
  return seen;
}

/** `path` of the inspector at `url`, with its token (or `token`). */
export function at(url: string, path: string, token?: string): string {
  const address = new URL(path, url);
  const given = token ?? new URL(url).searchParams.get('token');
  if (given !== null && given !== '') address.searchParams.set('token', given);
  return address.href;
}
