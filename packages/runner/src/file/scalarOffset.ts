/**
 * Where a character of a string value is in a graph file's text: the value of a YAML scalar
 * is not its source (quotes, escapes, `''`, the indentation of a `|` block), so pointing at a
 * character inside a value (where a JSONata expression goes wrong, say) needs this walk.
 */

/** A scalar's source: its style, and where its content starts and ends (inside any quotes). */
export interface ScalarSource {
  readonly style: 'plain' | 'single' | 'double' | 'block';
  readonly start: number;
  readonly end: number;
}

/** The offset in `text` of character `offset` of the value of the scalar `source`. */
export function scalarOffset(source: ScalarSource, text: string, offset: number): number {
  const { start, end } = source;
  switch (source.style) {
    case 'block':
      return blockOffset(text, start, end, offset);
    case 'double':
      return walk(text, start, end, offset, (at) => {
        if (text[at] !== '\\') return 1;
        const next = text[at + 1];
        if (next === 'x') return 4;
        if (next === 'u') return 6;
        if (next === 'U') return 10;
        return 2;
      });
    case 'single':
      return walk(text, start, end, offset, (at) =>
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

/**
 * In a `|` or `>` block (its content starting at `start`, indentation included): the same
 * line and column of the content, past the block's indentation.
 */
function blockOffset(text: string, start: number, end: number, offset: number): number {
  const content = text.slice(start, end);
  const indent = /^( *)\S/m.exec(content)?.[1]?.length ?? 0;
  const value = content
    .split('\n')
    .map((line) => line.slice(indent))
    .join('\n');
  const before = value.slice(0, offset);
  const line = before.split('\n').length - 1;
  const column = offset - (before.lastIndexOf('\n') + 1);
  let at = start;
  for (let skipped = 0; skipped < line && at < end; skipped++) at = text.indexOf('\n', at) + 1;
  return at + indent + column;
}
