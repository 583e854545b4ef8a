/** A graph file, loaded: its components' definitions and its links, checked. */
import type { Definition } from '@plexus/core';
import type { ComponentEntry, GraphFile, Supervise } from './graphFileSchema.ts';
import type { ParsedGraphFile } from './ParsedGraphFile.ts';

export interface LoadedComponent {
  readonly name: string;
  readonly entry: ComponentEntry;
  readonly definition: Definition;
  /** A graph file used as a component: its own `supervise`, used unless the entry sets one. */
  readonly supervise?: Supervise;
  /** A graph file used as a component: the graph file, loaded. */
  readonly inner?: LoadedGraph;
}

export interface LoadedLink {
  readonly index: number;
  readonly from: string;
  readonly to: string;
  readonly capacity: number | undefined;
  readonly priority: 'normal' | 'idle' | undefined;
  /** Keep its messages in a store until taken (`LinkOptions.durable`; nats only). */
  readonly durable: boolean | undefined;
  /** Where `from` and `to` start inside a shorthand link string, for pointing at them. */
  readonly offsets: { readonly from: number; readonly to: number } | undefined;
}

/**
 * A graph file loaded and checked: its settings, and every component with its definition
 * imported, ready for `populate` to add to a graph.
 *
 * Components keep the file's order; a graph file used as a component carries its own loaded
 * graph (`inner`). `at` maps places in the file to lines and columns, for diagnostics.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { loadGraph, populate } from '@plexus/runner';
 *
 * const { graph: loaded } = await loadGraph('wordcount.graph.yaml');
 * if (loaded !== undefined) {
 *   console.log(loaded.components.map((c) => `${c.name}: ${c.definition.name}`));
 *   const g = graph(loaded.name);
 *   populate(g, loaded);
 *   await g.run();
 * }
 * ```
 */
export interface LoadedGraph {
  /** The graph file's absolute path. */
  readonly path: string;
  /** The graph's name: the file's name without `.graph.yaml` (or `.yaml`, `.json`). */
  readonly name: string;
  /** The file's settings, as the schema parsed them. */
  readonly file: GraphFile;
  /** Every component of the file, its definition imported. */
  readonly components: readonly LoadedComponent[];
  /** Every link of the file, its shorthand read. */
  readonly links: readonly LoadedLink[];
  /** Where each setting is in the file, for pointing at it. */
  readonly at: ParsedGraphFile['at'];
}
