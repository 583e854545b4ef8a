/**
 * A bundle's source map, cut down to the code that is not a dependency: segments that map into
 * `node_modules` become unmapped. zod alone is ~80 % of a unit's mappings; when children ran
 * with `--enable-source-maps`, which decodes the whole map as the bundle loads, mapping it cost
 * every child ~17 MB (80 MB against 63 MB resident). Children now read the map only to format a
 * stack (@plexus/host's mapStacks), and the smaller map is still the quicker read. Stack frames in your
 * components (and in Plexus, when it runs from source) still point at their files; frames
 * inside a dependency point at the bundle.
 *
 * The mappings are rewritten in one pass over the string, decoding and encoding the base64 VLQ
 * fields in place. A codec library decodes every segment into an array first; that garbage
 * (~100,000 arrays) grew the parent's heap by ~40 MB for the rest of its run.
 */
import { readFile, writeFile } from 'node:fs/promises';

const DEPENDENCY = /[\\/]node_modules[\\/]/;
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) DIGIT[BASE64.charCodeAt(i)] = i;
const SEMICOLON = 59;
const COMMA = 44;

/** Rewrite the map at `path` so nothing in it maps into `node_modules`. */
export async function trimSourceMap(path: string): Promise<void> {
  const map = JSON.parse(await readFile(path, 'utf8')) as { sources: string[]; mappings: string };
  map.mappings = trimMappings(
    map.mappings,
    map.sources.map((source) => DEPENDENCY.test(source)),
  );
  await writeFile(path, JSON.stringify(map));
}

/**
 * `mappings` with every segment whose source is marked in `dependency` made unmapped; a run of
 * unmapped segments on a line becomes one (the code from there on maps to nothing).
 */
export function trimMappings(mappings: string, dependency: readonly boolean[]): string {
  const n = mappings.length;
  let at = 0;
  let out = Buffer.allocUnsafe(n + 64);
  let length = 0;

  const read = (): number => {
    let value = 0;
    let scale = 1;
    let digit: number;
    do {
      digit = DIGIT[mappings.charCodeAt(at++)]!;
      if (digit < 0) {
        throw new Error(
          `The bundle's source map is not valid base64 VLQ at character ${at - 1} of its mappings; esbuild wrote it, so report this with the esbuild version in use.`,
        );
      }
      value += (digit & 31) * scale;
      scale *= 32;
    } while (digit & 32);
    return value % 2 === 1 ? -(value - 1) / 2 : value / 2;
  };
  const put = (byte: number): void => {
    if (length === out.length) {
      const grown = Buffer.allocUnsafe(out.length * 2);
      out.copy(grown);
      out = grown;
    }
    out[length++] = byte;
  };
  const write = (value: number): void => {
    let rest = value < 0 ? -value * 2 + 1 : value * 2;
    do {
      let digit = rest % 32;
      rest = Math.floor(rest / 32);
      if (rest > 0) digit |= 32;
      put(BASE64.charCodeAt(digit));
    } while (rest > 0);
  };
  const more = () =>
    at < n && mappings.charCodeAt(at) !== COMMA && mappings.charCodeAt(at) !== SEMICOLON;

  // Fields are deltas: from the previous segment on the line for the column, from the previous
  // segment anywhere for the rest. `column…name` track the input; `to…` what was written.
  let column = 0;
  let source = 0;
  let line = 0;
  let original = 0;
  let name = 0;
  let toColumn = 0;
  let toSource = 0;
  let toLine = 0;
  let toOriginal = 0;
  let toName = 0;
  let written = 0;
  let unmapped = false;
  while (at < n) {
    const c = mappings.charCodeAt(at);
    if (c === SEMICOLON || c === COMMA) {
      at++;
      if (c === SEMICOLON) {
        put(SEMICOLON);
        column = toColumn = written = 0;
        unmapped = false;
      }
      continue;
    }
    column += read();
    let fields = 1;
    if (more()) {
      source += read();
      line += read();
      original += read();
      fields = 4;
      if (more()) {
        name += read();
        fields = 5;
      }
    }
    const keep = fields > 1 && dependency[source] !== true;
    if (!keep && unmapped) continue;
    if (written++ > 0) put(COMMA);
    write(column - toColumn);
    toColumn = column;
    unmapped = !keep;
    if (!keep) continue;
    write(source - toSource);
    write(line - toLine);
    write(original - toOriginal);
    toSource = source;
    toLine = line;
    toOriginal = original;
    if (fields === 5) {
      write(name - toName);
      toName = name;
    }
  }
  return out.toString('latin1', 0, length);
}
