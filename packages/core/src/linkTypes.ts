/**
 * The public types of links: references to a component's boxes for linking (`InRef`,
 * `OutRef`), a link's options, the handle `link()` returns and what a link reports.
 * Re-exported from types.ts and the package.
 */

/**
 * A reference to an inbox (or a composite's exported inbox): something a link can target.
 *
 * Got from `node.inbox('in')` (or, inside a composite, `graph.outbox('out')`). It carries the
 * message type, so `link(from, to)` compiles only when the outbox's messages fit the inbox.
 *
 * @example
 * ```ts
 * import { graph, type InRef } from '@plexus/core';
 * import { Numbers, Print } from './components.ts';
 *
 * const g = graph('g');
 * const target: InRef<unknown> = g.add('print', Print).inbox('in');
 * g.link(g.add('numbers', Numbers).outbox('out'), target);
 * await g.run();
 * ```
 */
export interface InRef<T> {
  readonly kind: 'in';
  /** Instance name of the component, e.g. `wc/split`. */
  readonly node: string;
  readonly box: string;
  /** Phantom member carrying the message type (contravariant). Never set. */
  readonly __in?: (message: T) => void;
}

/**
 * A reference to an outbox (or a composite's exported outbox): something a link starts from.
 *
 * Got from `node.outbox('out')` (or, inside a composite, `graph.inbox('in')`). It carries the
 * message type: linking an `OutRef<number>` to an inbox of strings does not compile.
 *
 * @example
 * ```ts
 * import { graph, type OutRef } from '@plexus/core';
 * import { Double, Numbers } from './components.ts';
 *
 * const g = graph('g');
 * const numbers: OutRef<number> = g.add('numbers', Numbers).outbox('out');
 * g.link(numbers, g.add('double', Double).inbox('in'));
 * ```
 */
export interface OutRef<T> {
  readonly kind: 'out';
  readonly node: string;
  readonly box: string;
  /** Phantom member carrying the message type (covariant). Never set. */
  readonly __out?: () => T;
}

/**
 * Options of a link.
 *
 * A link's capacity is how many messages it holds before a `send` into it waits. Across a
 * thread or process the same bound holds through credits, so a slow consumer never makes a
 * fast producer grow its memory.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { Numbers, Print } from './components.ts';
 *
 * const g = graph('g');
 * g.link(g.add('numbers', Numbers).outbox('out'), g.add('print', Print).inbox('in'), { capacity: 1 });
 * await g.run();
 * ```
 */
export interface LinkOptions {
  /**
   * Messages the link holds before a send waits. Default {@link DEFAULT_CAPACITY} (64), or 1,024
   * for a link that crosses a thread or process boundary.
   */
  readonly capacity?: number;
  /**
   * `idle`: the receiver takes this link's messages only when nothing else on its thread has
   * work, and takes a message waiting on a normal link first (the python-ideas thread's
   * "idletasks"; the link form of a component's `priority`). The sender is unaffected: it waits
   * only while the link is full. Default `normal`. Through a composite's exported box, a link
   * is idle if any link on its way is.
   */
  readonly priority?: 'normal' | 'idle';
  /**
   * Keep the link's messages in a durable store until the receiver has taken them, so a
   * receiving unit that dies and restarts elsewhere resumes where it stopped (on `nats`: a
   * JetStream stream). Only a link that crosses a backend with such a store may be durable
   * (`@plexus/nats`); any other fails the run before it starts (`ERR_BAD_LINK`). Default false.
   */
  readonly durable?: boolean;
}

/**
 * A handle to a link, for removing it later.
 *
 * What `link` (and each link of `pipeline`) returns. `unlink(handle)` removes the link, while
 * the graph runs too: messages already in it are still delivered, and its inbox ends once its
 * other links have closed. `from` and `to` name the boxes as `node.box`.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { Print, Read } from './components.ts';
 *
 * const g = graph('g');
 * const read = g.add('read', Read);
 * const print = g.add('print', Print);
 * const handle = g.link(read.outbox('out'), print.inbox('in'));
 * console.log(`${handle.from} -> ${handle.to}`); // read.out -> print.in
 * g.unlink(handle);
 * ```
 */
export interface LinkHandle {
  readonly id: number;
  /** `node.box` of the outbox the link starts from. */
  readonly from: string;
  /** `node.box` of the inbox the link ends at. */
  readonly to: string;
}

/**
 * Live counters of one physical link.
 *
 * What `stats().links` and the `link:add`/`link:remove` events report. A link through a
 * composite's exported box is one physical link between the two children. `queued` near
 * `capacity` marks a slow consumer; `dropped` counts messages sent after the receiver ended.
 *
 * @example
 * ```ts
 * import { graph } from '@plexus/core';
 * import { Numbers, Print } from './components.ts';
 *
 * const g = graph('g');
 * g.pipeline(g.add('numbers', Numbers), g.add('print', Print));
 * g.on('complete', () => {
 *   for (const link of g.stats().links) console.error(`${link.from}: ${link.delivered}/${link.sent}`);
 * });
 * await g.run();
 * ```
 */
export interface LinkInfo {
  readonly id: number;
  readonly from: string;
  readonly to: string;
  readonly capacity: number;
  /** Messages accepted into the link. */
  readonly sent: number;
  /** Messages the receiver has taken. */
  readonly delivered: number;
  /** Messages waiting in the link now (`sent - delivered`). */
  readonly queued: number;
  /** Messages discarded because the receiver had ended. */
  readonly dropped: number;
  /** The sender has finished with this link. */
  readonly closed: boolean;
  /**
   * Across a thread or process: messages that have reached the receiver's side but wait there
   * for room in the link (not counted in `sent` there). Absent when none.
   */
  readonly held?: number;
  /**
   * Messages lost with a copy of a unit at one end that died on another host and restarted
   * elsewhere (a link that is not durable): what had been sent to it that it had not taken,
   * and what it had sent that never arrived. Absent when none.
   */
  readonly lost?: number;
}
