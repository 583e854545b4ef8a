/**
 * Throughput over the middle of a stream: the rate between the arrival of the message at 10 %
 * and the one at 90 % of the expected count. Start-up (a thread or process booting, a socket
 * connecting) and the tail are left out, for Plexus and its baselines alike.
 */

/** Counts arrivals and times the middle 80 % of them. */
export class RateWindow {
  count = 0;
  private readonly from: number;
  private readonly to: number;
  private fromAt = 0;
  private toAt = 0;

  constructor(readonly expected: number) {
    this.from = Math.floor(expected * 0.1);
    this.to = Math.max(this.from + 1, Math.floor(expected * 0.9));
  }

  /** One more message arrived. */
  tick(): void {
    const n = ++this.count;
    if (n === this.from) this.fromAt = performance.now();
    else if (n === this.to) this.toAt = performance.now();
  }

  /** `n` more messages arrived at once (a batch). */
  add(n: number): void {
    const before = this.count;
    this.count += n;
    if (before < this.from && this.count >= this.from) this.fromAt = performance.now();
    if (before < this.to && this.count >= this.to) this.toAt = performance.now();
  }

  /** Messages per second over the window; NaN if the stream was shorter than expected. */
  rate(): number {
    if (this.toAt === 0 || this.toAt <= this.fromAt) return Number.NaN;
    return ((this.to - this.from) * 1000) / (this.toAt - this.fromAt);
  }
}
