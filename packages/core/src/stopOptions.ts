/** What a stop can be told. */
/** Options of a stop. */
export interface StopOptions {
  /** Stop the sources only and let what is in flight drain. Default false. */
  readonly graceful?: boolean;
  /** For a graceful stop: how long to drain before stopping hard. Default {@link DEFAULT_DRAIN_TIMEOUT} (10,000 ms). */
  readonly timeout?: number;
}
