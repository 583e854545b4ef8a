/**
 * The `ctx` a body receives: a thin view of its Run. It holds one private field, so
 * handing every body its own context costs almost nothing.
 */
import type { Context, NodeHandle, Scope } from '../Definition.ts';
import type { GraphEventSource } from '../RunContext.ts';
import type { GraphStats, Inbox, Outbox } from '../types.ts';
import type { InboxImpl } from './InboxImpl.ts';
import type { OutboxImpl } from './OutboxImpl.ts';
import type { Run } from './Run.ts';
import { waitAny } from './waitAny.ts';
import { waitRoom } from './waitRoom.ts';

export class ContextImpl implements Context<any, any, any> {
  readonly #run: Run;

  constructor(run: Run) {
    this.#run = run;
  }

  get name(): string {
    return this.#run.name;
  }

  get params(): any {
    return this.#run.params;
  }

  get inbox(): any {
    return this.#run.inboxes;
  }

  get outbox(): any {
    return this.#run.outboxes;
  }

  get signal(): AbortSignal {
    return this.#run.signal;
  }

  get draining(): AbortSignal {
    return this.#run.draining;
  }

  get graph(): Scope {
    return this.#run.scope;
  }

  get self(): NodeHandle<any> {
    return this.#run;
  }

  // Functions are getters returning closures, so they work destructured (`{ waitAny }`) and
  // cost nothing for bodies that never touch them.
  get waitAny(): <B extends Inbox<any>>(...inboxes: B[]) => Promise<B | undefined> {
    const run = this.#run;
    return (...inboxes) => waitAny(run, inboxes as unknown as InboxImpl[]) as Promise<any>;
  }

  get waitRoom(): <B extends Outbox<any>>(...outboxes: B[]) => Promise<B> {
    const run = this.#run;
    return (...outboxes) => waitRoom(run, outboxes as unknown as OutboxImpl[]) as Promise<any>;
  }

  get stats(): () => GraphStats {
    const run = this.#run;
    return () => run.net.stats();
  }

  get events(): GraphEventSource {
    const net = this.#run.net;
    return {
      on: (event, listener) => net.events.on(event, listener as never),
      off: (event, listener) => net.events.off(event, listener as never),
      stats: () => net.stats(),
    };
  }

  get progress(): (done: number, total?: number) => void {
    const run = this.#run;
    return (done, total) => run.net.progress(run, done, total);
  }
}
