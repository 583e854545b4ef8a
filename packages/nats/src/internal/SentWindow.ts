/**
 * What one end of a link has published and the other has not acknowledged yet, by number, so
 * it can publish it again when the other end says it misses it. It is bounded by the link's
 * flow control: a receiver acknowledges with every credit it returns, so a sender holds at
 * most about a credit window of batches; a receiver's credits are a few bytes each.
 */
import { distance } from './linkFrames.ts';

export class SentWindow {
  private frames: Uint8Array[] = [];
  private start = 0;
  /** The number of `frames[start]`: everything before it is acknowledged. */
  private first = 0;

  /** How many published messages are not acknowledged. */
  get size(): number {
    return this.frames.length - this.start;
  }

  /** The number the next message gets. */
  get next(): number {
    return (this.first + this.size) >>> 0;
  }

  /** Keep `frame`, the message numbered `next`. */
  push(frame: Uint8Array): void {
    this.frames.push(frame);
  }

  /** The other end has every message before `ack`: forget them. False if `ack` says nothing new. */
  acknowledge(ack: number): boolean {
    const drop = distance(ack, this.first);
    if (drop <= 0 || drop > this.size) return false;
    this.start += drop;
    this.first = ack >>> 0;
    if (this.start === this.frames.length) {
      this.frames = [];
      this.start = 0;
    } else if (this.start > 1024 && this.start * 2 > this.frames.length) {
      this.frames = this.frames.slice(this.start);
      this.start = 0;
    }
    return true;
  }

  /**
   * The messages from number `from` on, to publish again; undefined if some of them are no
   * longer kept (acknowledged before, so the other end asks for what it had: it restarted).
   */
  from(from: number): Uint8Array[] | undefined {
    const skip = distance(from, this.first);
    if (skip < 0 || skip > this.size) return undefined;
    return this.frames.slice(this.start + skip);
  }
}
