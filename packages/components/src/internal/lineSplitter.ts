/**
 * Split a stream of text or byte chunks into lines, whatever the chunk boundaries: a line or
 * a multi-byte character may span chunks. Lines are sent without their terminator (`\n` or
 * `\r\n`); a last line without a terminator is a line too. A line longer than the bound
 * fails, so one huge line cannot grow memory without limit.
 */
import { Errors, type Who } from '../errors.ts';

export type Encoding = 'utf8' | 'utf-16le' | 'latin1';

export class LineSplitter {
  private readonly decoder: InstanceType<typeof TextDecoder>;
  private partial = '';
  /** Lines seen so far, for error messages. */
  private count = 0;

  constructor(
    encoding: Encoding,
    private readonly maxLength: number,
    private readonly who: Who,
  ) {
    this.decoder = new TextDecoder(encoding === 'utf8' ? 'utf-8' : encoding);
  }

  /** The complete lines a chunk finishes (possibly none). */
  push(chunk: string | Uint8Array): string[] {
    const text =
      typeof chunk === 'string'
        ? this.decoder.decode() + chunk
        : this.decoder.decode(chunk, { stream: true });
    return this.split(text, false);
  }

  /** At end of stream: the last line, if it had no terminator. */
  end(): string[] {
    return this.split(this.decoder.decode(), true);
  }

  private split(text: string, last: boolean): string[] {
    const lines: string[] = [];
    let start = 0;
    let data = text;
    if (this.partial !== '') {
      data = this.partial + text;
      this.partial = '';
    }
    for (;;) {
      const nl = data.indexOf('\n', start);
      if (nl < 0) break;
      const end = nl > start && data.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.check(end - start);
      lines.push(data.slice(start, end));
      this.count++;
      start = nl + 1;
    }
    const rest = data.slice(start);
    this.check(rest.length);
    if (last) {
      if (rest !== '') {
        lines.push(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
        this.count++;
      }
    } else this.partial = rest;
    return lines;
  }

  private check(length: number): void {
    if (length > this.maxLength)
      throw Errors.lineTooLong(this.who, this.maxLength, ` (line ${this.count + 1})`);
  }
}
