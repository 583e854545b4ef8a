import { type Diagnostic, formatDiagnostic } from '../diagnostics.ts';
import type { Output } from '../output.ts';

/** Print each diagnostic on its own line, then how many there were. */
export function printDiagnostics(output: Output, diagnostics: readonly Diagnostic[]): void {
  for (const diagnostic of diagnostics) output.err(formatDiagnostic(diagnostic, output.color));
  output.err(`${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'} found.`);
}
