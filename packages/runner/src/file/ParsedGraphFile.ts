import type { Diagnostic } from '../diagnostics.ts';
import type { GraphFile } from './graphFileSchema.ts';

type Path = readonly (string | number)[];

/** A parsed graph file: its content (if valid), and how to point at any part of it. */
export interface ParsedGraphFile {
  readonly path: string;
  readonly file: GraphFile | undefined;
  readonly diagnostics: Diagnostic[];
  /**
   * Unknown keys, each reported in `diagnostics` and left out of `file`: a file whose only
   * problems are unknown keys is still given, so the checks that follow it can run too.
   */
  readonly unknown?: readonly Path[];
  /** A diagnostic at `path` (a key, if `key`), `offset` characters into a string value. */
  at(path: Path, message: string, options?: { key?: boolean; offset?: number }): Diagnostic;
}
