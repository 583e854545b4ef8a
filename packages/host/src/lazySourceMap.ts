/**
 * Original positions from a source map, looked up without decoding the whole map: one pass
 * over its mappings records, for each generated line, where it starts and the decoder's state
 * there (a few numbers a line, in typed arrays); a lookup then decodes that one line. It finds
 * what Node's `SourceMap.findEntry` finds: the last segment at or before the position. Node's
 * `SourceMap` decodes every segment into an array of its own up front, which costs a child
 * megabytes it keeps; this costs ~16 bytes a line. (trimSourceMap.ts reads the same base64 VLQ.)
 */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) DIGIT[BASE64.charCodeAt(i)] = i;
const SEMICOLON = 59;
const COMMA = 44;

/** Where generated code came from: a source (as the map names it) and a 1-based line and column. */
export interface Original {
  readonly source: string;
  readonly line: number;
  readonly column: number;
}

export class LazySourceMap {
  /** For each generated line: where its segments start in `mappings`. */
  private readonly starts: Int32Array;
  /** For each generated line: source index, original line and column carried into it. */
  private readonly carried: Int32Array;
  /** For each generated line: 1 if the last segment before it maps somewhere (Node then finds it). */
  private readonly before: Uint8Array;
  /** The original of the last segment, if it maps somewhere. */
  private readonly last: Original | undefined;
  /** The decoder: where it is, and the source, line and column of the last mapped segment. */
  private at = 0;
  private source = 0;
  private line = 0;
  private column = 0;

  constructor(
    private readonly mappings: string,
    private readonly sources: readonly string[],
  ) {
    let lines = 1;
    for (let i = 0; i < mappings.length; i++) if (mappings.charCodeAt(i) === SEMICOLON) lines++;
    this.starts = new Int32Array(lines);
    this.carried = new Int32Array(lines * 3);
    this.before = new Uint8Array(lines);
    let generated = 0;
    let mapped = false;
    while (this.at < mappings.length) {
      const c = mappings.charCodeAt(this.at);
      if (c === SEMICOLON) {
        this.at++;
        generated++;
        this.starts[generated] = this.at;
        this.carried[generated * 3] = this.source;
        this.carried[generated * 3 + 1] = this.line;
        this.carried[generated * 3 + 2] = this.column;
        this.before[generated] = mapped ? 1 : 0;
      } else if (c === COMMA) this.at++;
      else {
        this.read();
        mapped = this.rest();
      }
    }
    this.last = mapped ? this.original() : undefined;
  }

  /** The original of 1-based generated `line` and `column`, or undefined if it maps nowhere. */
  find(line: number, column: number): Original | undefined {
    const index = line - 1;
    if (index < 0) return undefined;
    // Lines past the mappings' last: its last segment, as Node's lookup finds.
    if (index >= this.starts.length) return this.last;
    this.at = this.starts[index]!;
    this.source = this.carried[index * 3]!;
    this.line = this.carried[index * 3 + 1]!;
    this.column = this.carried[index * 3 + 2]!;
    let generated = 0;
    // Before the line's first segment: the last segment before the line, as Node's lookup does.
    let found: Original | undefined = this.before[index] === 1 ? this.original() : undefined;
    while (this.at < this.mappings.length) {
      const c = this.mappings.charCodeAt(this.at);
      if (c === SEMICOLON) break;
      if (c === COMMA) {
        this.at++;
        continue;
      }
      generated += this.read();
      if (generated > column - 1) break;
      found = this.rest() ? this.original() : undefined;
    }
    return found;
  }

  private original(): Original {
    return {
      source: this.sources[this.source] ?? '?',
      line: this.line + 1,
      column: this.column + 1,
    };
  }

  /** Decode the rest of a segment after its generated column; true if it maps somewhere. */
  private rest(): boolean {
    if (!this.more()) return false;
    this.source += this.read();
    this.line += this.read();
    this.column += this.read();
    if (this.more()) this.read();
    return true;
  }

  private more(): boolean {
    if (this.at >= this.mappings.length) return false;
    const c = this.mappings.charCodeAt(this.at);
    return c !== COMMA && c !== SEMICOLON;
  }

  private read(): number {
    let value = 0;
    let scale = 1;
    let digit: number;
    do {
      digit = DIGIT[this.mappings.charCodeAt(this.at++)] ?? -1;
      if (digit < 0) return 0;
      value += (digit & 31) * scale;
      scale *= 32;
    } while (digit & 32);
    return value % 2 === 1 ? -(value - 1) / 2 : value / 2;
  }
}
