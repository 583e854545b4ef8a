/**
 * Original positions from a source map, looked up without decoding the whole map: one pass
 * over its mappings records, for each generated line, where it starts and the decoder's state
 * there (a few numbers a line, in typed arrays), and the same every 64 segments within a long
 * line (a minified bundle's lines hold tens of thousands); a lookup then decodes at most 64
 * segments. It finds
 * what Node's `SourceMap.findEntry` finds: the last segment at or before the position. Node's
 * `SourceMap` decodes every segment into an array of its own up front, which costs a child
 * megabytes it keeps; this costs ~16 bytes a line. (trimSourceMap.ts reads the same base64 VLQ.)
 */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) DIGIT[BASE64.charCodeAt(i)] = i;
const SEMICOLON = 59;
const COMMA = 44;
/** Segments between two checkpoints of a line (see `marks`). */
const STRIDE = 64;
/** Numbers per checkpoint: where, generated column, source, line, column, mapped (0 or 1). */
const MARK = 6;

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
  /**
   * Checkpoints inside long lines, every STRIDE segments: the decoder's state before a segment,
   * MARK numbers each (the generated column and whether it maps are the previous segment's).
   * A line's checkpoints run from `firstMark[line]` to `firstMark[line + 1]`.
   */
  private readonly marks: Int32Array;
  private readonly firstMark: Int32Array;
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
    for (let i = mappings.indexOf(';'); i >= 0; i = mappings.indexOf(';', i + 1)) lines++;
    const starts = new Int32Array(lines);
    const carried = new Int32Array(lines * 3);
    const before = new Uint8Array(lines);
    const firstMark = new Int32Array(lines + 1);
    const marks: number[] = [];
    // One tight loop, the decoder's state in locals: it runs once, at start-up, mostly before
    // V8 has optimised anything, so calls and field writes per segment would dominate.
    let generated = 0;
    let mapped = false;
    let column = 0;
    let segments = 0;
    let field = 0;
    let value = 0;
    let scale = 1;
    let source = 0;
    let line = 0;
    let sourceColumn = 0;
    const n = mappings.length;
    for (let i = 0; i < n; i++) {
      const c = mappings.charCodeAt(i);
      if (c === SEMICOLON || c === COMMA) {
        if (field > 0) mapped = field >= 2;
        field = 0;
        if (c === COMMA) continue;
        generated++;
        starts[generated] = i + 1;
        carried[generated * 3] = source;
        carried[generated * 3 + 1] = line;
        carried[generated * 3 + 2] = sourceColumn;
        before[generated] = mapped ? 1 : 0;
        firstMark[generated] = marks.length / MARK;
        column = 0;
        segments = 0;
        continue;
      }
      if (field === 0 && value === 0 && scale === 1 && ++segments % STRIDE === 0)
        marks.push(i, column, source, line, sourceColumn, mapped ? 1 : 0);
      const digit = c < 128 ? DIGIT[c]! : -1;
      if (digit < 0) {
        // Not base64: a field of 0, as read() decodes it.
        value = 0;
        scale = 1;
        field++;
        continue;
      }
      value += (digit & 31) * scale;
      if (digit & 32) {
        scale *= 32;
        continue;
      }
      const delta = value % 2 === 1 ? -(value - 1) / 2 : value / 2;
      value = 0;
      scale = 1;
      if (field === 0) column += delta;
      else if (field === 1) source += delta;
      else if (field === 2) line += delta;
      else if (field === 3) sourceColumn += delta;
      field++;
    }
    if (field > 0) mapped = field >= 2;
    firstMark[lines] = marks.length / MARK;
    this.starts = starts;
    this.carried = carried;
    this.before = before;
    this.firstMark = firstMark;
    this.marks = Int32Array.from(marks);
    this.at = n;
    this.source = source;
    this.line = line;
    this.column = sourceColumn;
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
    // Start from the line's last checkpoint whose previous segment is at or before the column.
    const marks = this.marks;
    let low = this.firstMark[index]!;
    let high = this.firstMark[index + 1]! - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (marks[middle * MARK + 1]! > column - 1) high = middle - 1;
      else low = middle + 1;
    }
    if (high >= this.firstMark[index]!) {
      const at = high * MARK;
      this.at = marks[at]!;
      generated = marks[at + 1]!;
      this.source = marks[at + 2]!;
      this.line = marks[at + 3]!;
      this.column = marks[at + 4]!;
      found = marks[at + 5] === 1 ? this.original() : undefined;
    }
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
