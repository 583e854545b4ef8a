/**
 * What `plexus check` reports: a sentence at a place in a graph file. Printed as
 * `graph.yaml:12:7: component 'split' has no inbox 'input' (did you mean 'in'?)`, in colour on
 * a terminal.
 */
import { relative } from 'node:path';
import { styleText } from 'node:util';

/**
 * One problem of a graph file: a sentence saying the fix, at a place in the file.
 *
 * `plexus check` prints each as `file:line:column: message` ({@link formatDiagnostic});
 * `loadGraph` returns them all, from one pass over the file. `line` and `column` are 0 when
 * the problem is the file itself (missing, a folder, too large).
 *
 * @example
 * ```ts
 * import { type Diagnostic, formatDiagnostic } from '@plexus/runner';
 *
 * const problem: Diagnostic = {
 *   file: 'wordcount.graph.yaml',
 *   line: 6,
 *   column: 24,
 *   message: "component 'print' has no inbox 'input'; its inboxes are: 'in'",
 * };
 * console.log(formatDiagnostic(problem)); // wordcount.graph.yaml:6:24: component 'print' …
 * ```
 */
export interface Diagnostic {
  /** The graph file, as it was given. */
  readonly file: string;
  /** From 1; 0 when the problem is the file itself (missing, a folder, too large). */
  readonly line: number;
  /** From 1; 0 with line 0. */
  readonly column: number;
  /** What is wrong, and the fix, in a sentence. */
  readonly message: string;
}

/**
 * Raised when a graph file cannot be loaded: its diagnostics say why.
 *
 * @example
 * ```ts
 * import { GraphFileError } from '@plexus/runner';
 *
 * export function problems(error: unknown): number {
 *   return error instanceof GraphFileError ? error.diagnostics.length : 0;
 * }
 * ```
 */
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
