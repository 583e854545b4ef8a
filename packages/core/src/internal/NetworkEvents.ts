/**
 * What a network tells the observers of its graph: components starting, ending, failing,
 * restarting and making progress, and links coming and going. Each is emitted only when
 * someone listens, so an unobserved graph of a million components builds no event objects.
 */
import type { EventEmitter } from 'eventemitter3';
import type { ComponentInfo, GraphEvents } from '../types.ts';
import type { Link } from './Link.ts';

/** A component's run, as the events see it: what it reports of itself. */
type Reporting = { info(): ComponentInfo };

export class NetworkEvents {
  constructor(
    readonly name: string,
    readonly events: EventEmitter<GraphEvents>,
  ) {}

  announce(event: 'component:start' | 'component:end', run: Reporting | ComponentInfo): void {
    if (this.events.listenerCount(event) > 0)
      this.events.emit(event, 'info' in run ? run.info() : run);
  }

  /** A component failed (before the graph fails with it). */
  announceFailure(info: ComponentInfo, failure: Error): void {
    if (this.events.listenerCount('component:fail') > 0)
      this.events.emit('component:fail', info, failure);
  }

  /** A supervisor is restarting `run` after `error` (its `restarts`th restart). */
  restarted(run: Reporting | ComponentInfo, error: Error, restarts: number): void {
    if (this.events.listenerCount('component:restart') > 0) {
      const info = 'info' in run ? run.info() : run;
      this.events.emit('component:restart', { ...info, restarts }, error, restarts);
    }
  }

  progress(run: Reporting | string, done: number, total: number | undefined): void {
    if (this.events.listenerCount('component:progress') === 0) return;
    const info =
      typeof run === 'string'
        ? { name: run, type: '?', backend: '?', state: 'running' as const }
        : run.info();
    this.events.emit('component:progress', info, done, total);
  }

  linkAdded(link: Link): void {
    if (this.events.listenerCount('link:add') > 0) this.events.emit('link:add', link.info());
  }

  linkRemoved(link: Link): void {
    if (this.events.listenerCount('link:remove') > 0) this.events.emit('link:remove', link.info());
  }
}
