/**
 * The inspector: a live page for one run, served on this machine. Made by `inspector()` and
 * given to `graph.run({ inspect })`, it listens at once and watches the run from the moment
 * it starts until it is over.
 */
import type { InspectedRun, RunInspector } from '@plexus/core';
import { Errors } from './errors.ts';
import { edgeKeyOf } from './layout/graphShape.ts';
import type { Snapshot, TapBounds } from './protocol.ts';
import { InspectorServer } from './server/InspectorServer.ts';
import { newToken } from './server/token.ts';
import { RunWatcher } from './watch/RunWatcher.ts';
import { TapHub } from './watch/TapHub.ts';

/**
 * Options of an inspector.
 *
 * Where the page is served (a free port on 127.0.0.1 by default), the token it requires, how
 * often it updates, how much taps keep, how long it stays up after the run, and who is told
 * its address.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { inspector, type InspectorOptions } from '@plexus/inspector';
 *
 * const options: InspectorOptions = {
 *   port: 9000,
 *   every: 500,
 *   linger: 60_000,
 *   onListening: (url) => console.error(`watch the run at ${url}`),
 * };
 * await graph('watched').run({ inspect: inspector(options) });
 * ```
 */
export interface InspectorOptions {
  /** Port to listen on. Default 0: a free port. */
  readonly port?: number;
  /**
   * Interface to listen on. Default `127.0.0.1`: only this machine can reach the page. Any
   * other lets whoever can reach the machine, and has the token, watch the run.
   */
  readonly host?: string;
  /** The token the page requires. Default: 24 random bytes, new for each inspector. */
  readonly token?: string;
  /** Milliseconds between two updates of the page. Default 250. */
  readonly every?: number;
  /** Bounds of taps. Defaults: the last 20 samples, one per 100 ms, 1,000 characters each. */
  readonly tap?: Partial<TapBounds>;
  /** How long the page is still served once the run is over, in ms. Default 0. */
  readonly linger?: number;
  /** Told the page's address once the server listens. Default: printed on stderr. */
  readonly onListening?: (url: string) => void;
}

const TAP_BOUNDS: TapBounds = { last: 20, every: 100, maxChars: 1000 };

/**
 * Serves a live page of one run: `graph.run({ inspect: inspector() })`.
 *
 * The page shows the graph laid out as `plexus draw` does, with where each component runs,
 * messages a second and queue fill on every link (full links stand out), component states,
 * restarts and failures, several times a second; a click on a link taps it. The server
 * listens on 127.0.0.1 at a free port unless told otherwise, and every request needs the
 * token in the address it prints. It closes once the run is over (after `linger` ms), or on
 * `close()`. Watching costs a `stats()` per update and nothing per message, except on links
 * being tapped.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { inspector } from '@plexus/inspector';
 *
 * const g = graph('watched');
 * // … add and link components …
 * await g.run({ inspect: inspector() }); // prints http://127.0.0.1:<port>/?token=…
 * ```
 */
export class Inspector implements RunInspector {
  readonly token: string;
  /** Resolves with the page's address once the server listens. */
  readonly ready: Promise<string>;
  private readonly server: InspectorServer;
  private readonly bounds: TapBounds;
  private readonly host: string;
  private watcher: RunWatcher | undefined;
  private taps: TapHub | undefined;
  private address: string | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: InspectorOptions = {}) {
    this.token = options.token ?? newToken();
    if (this.token.length < 16 || !/^[\w.~-]+$/.test(this.token)) throw Errors.badToken();
    this.host = options.host ?? '127.0.0.1';
    this.bounds = {
      last: clamp(options.tap?.last ?? TAP_BOUNDS.last, 1, 200),
      every: clamp(options.tap?.every ?? TAP_BOUNDS.every, 10, 60_000),
      maxChars: clamp(options.tap?.maxChars ?? TAP_BOUNDS.maxChars, 16, 100_000),
    };
    this.server = new InspectorServer(this.token, {
      snapshot: (client) => this.snapshot(client),
      tap: (client, edge, on) => this.tap(client, edge, on),
      left: (client) => this.taps?.forget(client),
    });
    this.ready = this.server.listen(options.port ?? 0, this.host).then((port) => {
      const host = this.host.includes(':') ? `[${this.host}]` : this.host;
      this.address = `http://${host}:${port}/?token=${this.token}`;
      (options.onListening ?? ((url) => console.error(`Plexus inspector: ${url}`)))(this.address);
      return this.address;
    });
    // A failure to listen is reported through `ready`; keep it from being unhandled.
    this.ready.catch(() => {});
  }

  /** The page's address, token included, once the server listens. */
  get url(): string | undefined {
    return this.address;
  }

  attach(run: InspectedRun): void {
    if (this.watcher !== undefined)
      throw Errors.attached(this.watcher.run.graph.name, run.graph.name);
    this.taps = new TapHub(run, this.bounds);
    const taps = this.taps;
    this.watcher = new RunWatcher(
      run,
      clamp(this.options.every ?? 250, 50, 10_000),
      (event, data) => this.server.broadcast(event, data),
      () => {
        for (const { event, clients } of taps.drain()) this.server.broadcast('tap', event, clients);
      },
    );
    this.watcher.start();
    void this.watcher.over.then(() => {
      taps.clear();
      const linger = this.options.linger ?? 0;
      if (linger === Number.POSITIVE_INFINITY) return;
      setTimeout(() => void this.close(), linger).unref();
    });
  }

  /** Stop serving: every page is told the stream has ended. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.ready.catch(() => {});
      this.watcher?.stop();
      this.taps?.clear();
      await this.server.close();
    })();
    return this.closing;
  }

  private snapshot(client: string): Snapshot {
    const w = this.watcher;
    return {
      hello: {
        graph: w?.run.graph.name ?? '',
        client,
        tap: this.bounds,
        every: this.options.every ?? 250,
        startedAt: Date.now(),
      },
      layout: w?.layout,
      tick: w?.tick,
      log: w?.log ?? [],
      failures: w?.failures ?? [],
      end: w?.end,
    };
  }

  private tap(client: string, edge: string, on: boolean): unknown {
    const taps = this.taps;
    const layout = this.watcher?.layout;
    if (taps === undefined || layout === undefined) return 'The run has not started yet.';
    if (!on) {
      taps.close(client, edge);
      return [];
    }
    if (this.watcher?.end !== undefined) return 'The run is over: there is nothing left to tap.';
    const tick = this.watcher?.tick;
    const names = new Set(tick?.components.map((c) => c.name));
    const links = (tick?.links ?? []).filter((l) => edgeKeyOf(l, names) === edge).map((l) => l.id);
    if (links.length === 0 && !layout.edges.some((e) => e.key === edge))
      return `The graph has no link '${edge}'.`;
    return taps.open(client, edge, links);
  }
}

/**
 * An inspector for `graph.run({ inspect })`: a live page of the run, on 127.0.0.1.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { inspector } from '@plexus/inspector';
 *
 * const g = graph('watched');
 * await g.run({ inspect: inspector({ port: 8080 }) });
 * ```
 */
export function inspector(options: InspectorOptions = {}): Inspector {
  return new Inspector(options);
}

function clamp(value: number, low: number, high: number): number {
  return Number.isFinite(value) ? Math.min(high, Math.max(low, Math.floor(value))) : low;
}
