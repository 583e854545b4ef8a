/**
 * Where a line of the scenario components is: `components.ts:<line>:<column>`, read from the
 * source as it is now, so a test can require a stack frame to point at the exact line that
 * threw (through every backend's source maps) without a number that goes stale when the file
 * changes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `components.ts:<line>:<column>` of the first occurrence of `text` in components.ts (1-based). */
export function sourceFrame(text: string): string {
  const lines = readFileSync(join(__dirname, 'components.ts'), 'utf8').split('\n');
  const line = lines.findIndex((each) => each.includes(text));
  if (line < 0) throw new Error(`components.ts has no line containing ${JSON.stringify(text)}.`);
  return `components.ts:${line + 1}:${lines[line]!.indexOf(text) + 1}`;
}
