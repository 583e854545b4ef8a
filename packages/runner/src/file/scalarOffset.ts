/**
 * Where a character of a string value is in a graph file's text: the value of a YAML scalar
 * is not its source (quotes, escapes, `''`, the indentation of a `|` block), so pointing at a
 * character inside a value (where a JSONata expression goes wrong, say) needs this walk.
 */
import type { Scalar } from 'yaml';

/** The offset in `text` of character `offset` of the value of `node` (a string scalar). */
export function scalarOffset(node: Scalar, text: string, offset: number): number {
  const start = node.range?.[0] ?? 0;
  const end = node.range?.[1] ?? text.length;
  switch (node.type) {
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return blockOffset(text, start, end, String(node.value), offset);
    case 'QUOTE_DOUBLE':
      return walk(text, start + 1, end, offset, (at) => {
        if (text[at] !== '\\') return 1;
        const next = text[at + 1];
        if (next === 'x') return 4;
        if (next === 'u') return 6;
        if (next === 'U') return 10;
        return 2;
      });
    case 'QUOTE_SINGLE':
      return walk(text, start + 1, end, offset, (at) =>
        text[at] === "'" && text[at + 1] === "'" ? 2 : 1,
      );
    default:
      return walk(text, start, end, offset, () => 1);
  }
}

/**
 * Step through the source of a flow scalar one value character at a time (`width` says how
 * many source characters the one at `at` takes); a line break with the indentation after it
 * folds into one character.
 */
function walk(
  text: string,
  from: number,
  end: number,
  offset: number,
  width: (at: number) => number,
): number {
  let at = from;
  for (let n = 0; n < offset && at < end; n++) {
    if (text[at] === '\n') {
      at++;
      while (text[at] === ' ' || text[at] === '\t') at++;
    } else at += width(at);
  }
  return at;
}

/** In a `|` or `>` block: the same line and column of the content, past its indentation. */
function blockOffset(text: string, start: number, end: number, value: string, offset: number) {
  const before = value.slice(0, offset);
  const line = before.split('\n').length - 1;
  const column = offset - (before.lastIndexOf('\n') + 1);
  let at = text.indexOf('\n', start) + 1;
  if (at === 0) return start;
  const header = text.slice(start, at);
  const explicit = /[1-9]/.exec(header)?.[0];
  let indent = explicit === undefined ? -1 : Number(explicit);
  for (let skipped = 0; skipped < line && at < end; skipped++) at = text.indexOf('\n', at) + 1;
  if (indent < 0) {
    // The indentation of the block's first non-empty line.
    const first = /^( *)\S/m.exec(text.slice(text.indexOf('\n', start) + 1, end));
    indent = first?.[1]?.length ?? 0;
  }
  return at + indent + column;
}
