/**
 * Build a loaded graph file into a scope — the top-level graph, or a composite's inside: its
 * components with their params and placement, its links, its exported boxes, and a small
 * inline source for each inbox given initial messages.
 */
import { dirname, resolve } from 'node:path';
import {
  type BackendName,
  type BoxSpec,
  box,
  type CompositeDefinition,
  defineComponent,
  defineGraph,
  type Scope,
  z,
} from '@plexus/core';
import { type BackendOptions, readsOption } from './graphFileSchema.ts';
import type { LoadedGraph } from './LoadedGraph.ts';
import { pathParams, resolvePaths } from './pathParams.ts';

/**
 * What the command line changes: every placement's backend (except those that carry a
 * permission sandbox, which only their own backend enforces), and params of named instances.
 *
 * `plexus run --backend worker --set read.path=x.txt` passes these; code that loads graph
 * files can pass the same to {@link loadGraph} and {@link populate}.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { loadGraph, type Overrides, populate } from '@plexus/runner';
 *
 * const overrides: Overrides = {
 *   backend: 'worker',
 *   params: new Map([['read', { path: 'data/text.txt' }]]),
 * };
 * const { graph: loaded } = await loadGraph('wordcount.graph.yaml', overrides);
 * if (loaded !== undefined) {
 *   const g = graph(loaded.name);
 *   populate(g, loaded, overrides);
 *   await g.run();
 * }
 * ```
 */
export interface Overrides {
  readonly backend?: BackendName;
  readonly params?: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

/**
 * Sends a graph file's initial messages for one inbox, then ends.
 *
 * @public A component's export name is its identity in other threads and processes.
 */
export const InitialMessages = defineComponent({
  name: 'InitialMessages',
  description: "Sends the graph file's initial messages for one inbox, in order, then ends.",
  outboxes: { out: box(z.any(), 'The messages.') },
  params: z.object({ messages: z.array(z.any()).describe('The messages to send.') }),
  async body({ outbox, params }) {
    for (const message of params.messages) await outbox.out.send(message);
  },
});

/**
 * Build a loaded graph file into a graph (or a composite's scope).
 *
 * Adds each component with its params and placement (`overrides` replace every backend but
 * those of placements with `options.permissions`, which keep theirs with everything inside
 * them, and merge params by instance name, as `plexus run --backend` and `--set` do), links them,
 * wires exported boxes, and adds a small inline source per inbox given initial messages.
 * Backend option paths (`cwd`, sandbox paths) resolve against the graph file's folder.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { loadGraph, populate } from '@plexus/runner';
 *
 * const { graph: loaded } = await loadGraph('/path/to/app.graph.yaml');
 * if (loaded !== undefined) {
 *   const g = graph(loaded.name);
 *   populate(g, loaded, { backend: 'worker' });
 *   await g.run();
 * }
 * ```
 */
export function populate(scope: Scope, graph: LoadedGraph, overrides: Overrides = {}): void {
  const { file } = graph;
  for (const { name, entry, definition: loaded, supervise, inner } of graph.components) {
    const placement: Record<string, unknown> = {};
    if ((entry.supervise ?? supervise) !== undefined)
      placement.supervise = entry.supervise ?? supervise;
    if (entry.priority !== undefined) placement.priority = entry.priority;
    // A component that asks for a sandbox runs sandboxed or not at all: --backend moves
    // every placement except those carrying permissions (and what is inside them).
    const sandboxed = entry.options?.permissions !== undefined;
    const backend = sandboxed ? entry.backend : (overrides.backend ?? entry.backend);
    const definition =
      inner === undefined
        ? loaded
        : toDefinition(inner, sandboxed ? { ...overrides, backend: undefined } : overrides);
    if (backend !== undefined) placement.backend = backend;
    // Everything inline (--backend inline) is one thread: replicas and backend options, which
    // only mean something off the main thread, are left out rather than refused.
    const offMain = backend === 'worker' || backend === 'process' || backend === 'nats';
    for (const key of offMain
      ? (['group', 'replicas', 'ordered'] as const)
      : (['group'] as const)) {
      if (entry[key] !== undefined) placement[key] = entry[key];
    }
    // Moved by --backend, a placement keeps the options its new backend reads (the command
    // says which it left out); its own backend is checked to read them all.
    const options =
      entry.options === undefined || backend === entry.backend
        ? entry.options
        : Object.fromEntries(
            Object.entries(entry.options).filter(([key]) => readsOption(backend ?? 'inline', key)),
          );
    if (options !== undefined && offMain && Object.keys(options).length > 0)
      placement.options = relativeTo(dirname(graph.path), options as BackendOptions);
    // Where on nats: node and labels travel with the backend options.
    if (backend === 'nats' && (entry.node !== undefined || entry.labels !== undefined)) {
      placement.options = {
        ...(placement.options as object | undefined),
        ...(entry.node === undefined ? {} : { node: entry.node }),
        ...(entry.labels === undefined ? {} : { labels: entry.labels }),
      };
    }
    // Path params: in the file, relative to the file; from the command line, to the shell.
    const paths = pathParams(definition);
    const params = {
      ...resolvePaths(entry.params, paths, dirname(graph.path)),
      ...resolvePaths(overrides.params?.get(name), paths, process.cwd()),
    };
    scope.add(name, definition, { ...placement, params } as never);
  }
  for (const link of graph.links) {
    const capacity = link.capacity ?? file.capacity;
    scope.link(link.from, link.to, {
      ...(capacity === undefined ? {} : { capacity }),
      ...(link.priority === undefined ? {} : { priority: link.priority }),
      ...(link.durable === true ? { durable: true } : {}),
    });
  }
  for (const [name, inbox] of Object.entries(file.inboxes ?? {})) {
    for (const target of [inbox.to].flat()) scope.link(`self.${name}`, target);
  }
  for (const [name, outbox] of Object.entries(file.outboxes ?? {})) {
    for (const source of [outbox.from].flat()) scope.link(source, `self.${name}`);
  }
  let n = 0;
  for (const [target, messages] of Object.entries(file.initial ?? {})) {
    const feeder = scope.add(`initial-${++n}`, InitialMessages, {
      params: { messages },
      backend: 'inline',
    });
    scope.link(feeder.outbox('out'), target);
  }
}

/** Backend options with their paths (cwd, sandbox paths) resolved against the graph file's folder. */
function relativeTo(dir: string, options: BackendOptions): BackendOptions {
  const { cwd, permissions } = options;
  return {
    ...options,
    ...(cwd === undefined ? {} : { cwd: resolve(dir, cwd) }),
    ...(permissions === undefined
      ? {}
      : {
          permissions: {
            ...permissions,
            ...(permissions.read === undefined
              ? {}
              : { read: permissions.read.map((p) => resolve(dir, p)) }),
            ...(permissions.write === undefined
              ? {}
              : { write: permissions.write.map((p) => resolve(dir, p)) }),
          },
        }),
  };
}

/** A loaded graph file as a composite definition, so it can be used as a component. */
export function toDefinition(graph: LoadedGraph, overrides: Overrides = {}): CompositeDefinition {
  const specOf = (ref: string, dir: 'in' | 'out'): BoxSpec => {
    const dot = ref.indexOf('.');
    const component = graph.components.find((c) => c.name === ref.slice(0, dot))!;
    const boxes = (
      dir === 'in' ? component.definition.inboxes : component.definition.outboxes
    ) as Record<string, BoxSpec>;
    return boxes[ref.slice(dot + 1)]!;
  };
  const inboxes: Record<string, BoxSpec> = {};
  for (const [name, inbox] of Object.entries(graph.file.inboxes ?? {})) {
    inboxes[name] = { ...specOf([inbox.to].flat()[0]!, 'in'), description: inbox.description };
  }
  const outboxes: Record<string, BoxSpec> = {};
  for (const [name, outbox] of Object.entries(graph.file.outboxes ?? {})) {
    outboxes[name] = {
      ...specOf([outbox.from].flat()[0]!, 'out'),
      description: outbox.description,
    };
  }
  return defineGraph({
    name: graph.name,
    description: graph.file.description,
    inboxes,
    outboxes,
    build(scope) {
      populate(scope, graph, { ...overrides, params: undefined });
    },
  }) as CompositeDefinition;
}
