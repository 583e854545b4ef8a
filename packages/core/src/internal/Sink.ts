/**
 * The one interface an outbox sends into. A local Link is a Sink; so is a PortSink, the
 * sender's end of a link that crosses to another thread or process, and a Distributor, the
 * front of a replicated node. Transports adapt to this interface, nothing else.
 */
import type { LinkHandle, LinkInfo } from '../types.ts';

export interface Sink extends LinkHandle {
  readonly capacity: number;
  /** The receiver has ended: pushes are dropped (and counted). */
  readonly broken: boolean;
  /** Resolve of the sender waiting for room, if any; the sink calls it (via the scheduler) when room appears. */
  spaceWaiter: ((value: undefined) => void) | null;
  /** Room for one more message now. */
  hasSpace(): boolean;
  /** Accept one message. `transfer` lists buffers the message owns alone and may be moved. */
  push(message: unknown, transfer?: ArrayBuffer[]): void;
  /** The sender is done: no more messages. */
  close(): void;
  /**
   * The sender was cut off (it failed, or the graph is stopping hard): no more messages, and
   * no end of stream either — the receiver is being stopped, and must not see its input end.
   */
  abort(): void;
  info(): LinkInfo;
}

/** What a Link needs of whatever feeds it: an outbox, or the reader of a port. */
export interface LinkSource {
  readonly name: string;
  /**
   * The sending component (a `BoxOwner`), or, when the sender is elsewhere, a stand-in that
   * only has a name and hears of a broken link: the rest is then absent.
   */
  readonly owner: {
    readonly name: string;
    readonly type?: string;
    readonly checked?: boolean;
    linkBroken(): void;
    fault?(error: Error): void;
    failRun?(error: Error): void;
  };
  /** Stop feeding `sink` (an outbox has this; a port's reader, feeding one link, does not). */
  removeLink?(sink: Sink): boolean;
}
