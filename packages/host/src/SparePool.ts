/**
 * Spare unit hosts (worker threads, child processes): when a unit's host ends, a backend asks
 * for a fresh one with the same settings, started on the next turn of the event loop, idle and
 * unreferenced; the next unit started with those settings takes it and finds Node booted and
 * Plexus loaded — most of a host's start-up. A spare hosts one unit and never one after
 * another: no state passes from unit to unit. One left unused is ended after `idleMs`.
 */

/**
 * What a pool keeps: a started host that can say it is gone, be held, and be ended.
 *
 * @example
 * ```ts
 * import { fork } from 'node:child_process';
 * import type { SpareHost } from '@plexus/host';
 *
 * const child = fork('./host.js');
 * const spare: SpareHost = {
 *   gone: () => child.exitCode !== null || child.signalCode !== null,
 *   hold: (on) => (on ? child.ref() : child.unref()),
 *   end: () => void child.kill('SIGKILL'),
 * };
 * ```
 */
export interface SpareHost {
  /** It failed or ended while it waited. */
  gone(): boolean;
  /** Keep this process alive for it (`true`), or let the process exit without it. */
  hold(on: boolean): void;
  /** End it (it was never taken). */
  end(): void;
}

/**
 * How a pool starts, checks and waits for its hosts.
 *
 * @example
 * ```ts
 * import type { SpareHost, SparePoolOptions } from '@plexus/host';
 *
 * declare function startHost(file: string): SpareHost & { ready: Promise<void> };
 * const options: SparePoolOptions<string, ReturnType<typeof startHost>> = {
 *   start: startHost,
 *   ready: (host) => host.ready,
 *   max: 2,
 *   idleMs: 5_000,
 * };
 * ```
 */
export interface SparePoolOptions<S, H extends SpareHost> {
  /** Start a host with these settings (the pool lets it go: `hold(false)`). */
  readonly start: (settings: S) => H;
  /** Settles once the host has loaded (or failed). */
  readonly ready: (host: H) => Promise<unknown>;
  /** False when a spare no longer fits what a new host would be (say, the environment changed). */
  readonly fits?: (host: H) => boolean;
  /** At most this many wait, whatever their settings (default 4). */
  readonly max?: number;
  /** How long a spare waits for a unit before it is ended (default 10 s). */
  readonly idleMs?: number;
}

interface Waiting<H> {
  readonly key: string;
  readonly host: H;
  readonly ready: Promise<void>;
  readonly timer: NodeJS.Timeout;
}

/**
 * A pool of spare hosts, keyed by their settings (as JSON).
 *
 * @example
 * ```ts
 * import { Worker } from 'node:worker_threads';
 * import { type SpareHost, SparePool } from '@plexus/host';
 *
 * interface Spare extends SpareHost {
 *   readonly worker: Worker;
 * }
 * const pool = new SparePool<string, Spare>({
 *   start(file) {
 *     const worker = new Worker(file);
 *     let exited = false;
 *     worker.on('exit', () => (exited = true)).on('error', () => {});
 *     return {
 *       worker,
 *       gone: () => exited,
 *       hold: (on) => (on ? worker.ref() : worker.unref()),
 *       end: () => void worker.terminate(),
 *     };
 *   },
 *   ready: async () => {},
 * });
 * pool.startLater('./host.js');
 * const spare = pool.take('./host.js'); // undefined until the next turn of the event loop
 * ```
 */
export class SparePool<S, H extends SpareHost> {
  private readonly waiting: Waiting<H>[] = [];
  /** Spares asked for, to be started on the next turn of the event loop. */
  private readonly pending = new Set<{ immediate: NodeJS.Immediate; started: Promise<void> }>();

  constructor(private readonly options: SparePoolOptions<S, H>) {}

  /** A spare started with `settings` that still fits, held again; or `undefined`. */
  take(settings: S): H | undefined {
    const key = JSON.stringify(settings);
    for (let i = 0; i < this.waiting.length; i++) {
      const spare = this.waiting[i]!;
      if (spare.key !== key) continue;
      if (spare.host.gone() || this.options.fits?.(spare.host) === false) {
        this.drop(spare);
        i--;
        continue;
      }
      this.waiting.splice(i, 1);
      clearTimeout(spare.timer);
      spare.host.hold(true);
      return spare.host;
    }
    return undefined;
  }

  /**
   * Start a spare with `settings` on the next turn of the event loop, if this process is still
   * running then: the run that just ended does not wait for it, and a program that exits after
   * its run starts none.
   */
  startLater(settings: S): void {
    let resolve!: () => void;
    const started = new Promise<void>((done) => {
      resolve = done;
    });
    const entry = {
      immediate: setImmediate(() => {
        this.pending.delete(entry);
        this.start(settings);
        resolve();
      }).unref(),
      started,
    };
    this.pending.add(entry);
  }

  /** Settles once every spare asked for so far has loaded (or failed); with how many wait. */
  async ready(): Promise<number> {
    const asked = [...this.pending];
    for (const entry of asked) entry.immediate.ref();
    await Promise.all(asked.map((entry) => entry.started));
    // Held while waited for: an unreferenced host would let this process exit meanwhile.
    const waiting = [...this.waiting];
    for (const spare of waiting) spare.host.hold(true);
    await Promise.all(waiting.map((spare) => spare.ready));
    for (const spare of waiting) if (this.waiting.includes(spare)) spare.host.hold(false);
    return this.waiting.filter((spare) => !spare.host.gone()).length;
  }

  private start(settings: S): void {
    if (this.waiting.length >= (this.options.max ?? 4)) return;
    const host = this.options.start(settings);
    host.hold(false);
    const spare: Waiting<H> = {
      key: JSON.stringify(settings),
      host,
      ready: this.options.ready(host).then(
        () => {},
        () => {},
      ),
      timer: setTimeout(() => this.drop(spare), this.options.idleMs ?? 10_000).unref(),
    };
    this.waiting.push(spare);
  }

  private drop(spare: Waiting<H>): void {
    const at = this.waiting.indexOf(spare);
    if (at >= 0) this.waiting.splice(at, 1);
    clearTimeout(spare.timer);
    if (!spare.host.gone()) spare.host.end();
  }
}
