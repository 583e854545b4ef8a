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
  /** Where `from` and `to` start inside a shorthand link string, for pointing at them. */
  readonly offsets: { readonly from: number; readonly to: number } | undefined;
}

export interface LoadedGraph {
  readonly path: string;
  readonly name: string;
  readonly file: GraphFile;
  readonly components: readonly LoadedComponent[];
  readonly links: readonly LoadedLink[];
  readonly at: ParsedGraphFile['at'];
}
