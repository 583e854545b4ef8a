/**
 * What `plexus check` reports: a sentence at a place in a graph file. Printed as
 * `graph.yaml:12:7: component 'split' has no inbox 'input' (did you mean 'in'?)`, in colour on
 * a terminal.
 */
import { relative } from 'node:path';
import { styleText } from 'node:util';

export interface Diagnostic {
  readonly file: string;
  /** From 1; 0 when the problem is the file itself (missing, a folder, too large). */
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Raised when a graph file cannot be loaded: its diagnostics say why. */
export class GraphFileError extends Error {
  override name = 'GraphFileError';
  readonly code = 'ERR_GRAPH_FILE';
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
  }
}

/**
 * A diagnostic as one line: `file:line:column: message` (`file: message` for a problem with
 * the file itself), the file relative to `cwd`.
 *
 * With `color`, the place is bold and the message red (for terminals).
 *
 * @example
 * ```ts
 * import { formatDiagnostic, loadGraph } from '@plexus/runner';
 *
 * const { diagnostics } = await loadGraph('/path/to/app.graph.yaml');
 * console.error(diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
 * ```
 */
export function formatDiagnostic(
  diagnostic: Diagnostic,
  color = false,
  cwd = process.cwd(),
): string {
  const file = relative(cwd, diagnostic.file) || diagnostic.file;
  const where =
    diagnostic.line === 0 ? `${file}:` : `${file}:${diagnostic.line}:${diagnostic.column}:`;
  return color
    ? `${styleText('bold', where, { validateStream: false })} ${styleText('red', diagnostic.message, { validateStream: false })}`
    : `${where} ${diagnostic.message}`;
}
