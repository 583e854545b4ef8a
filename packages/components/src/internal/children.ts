/**
 * The children a component adds to its own graph while it runs (Seq's steps, Carousel's
 * children, Kamaelia's Chassis): each child is linked to a RelayIn that feeds its inbox `in`
 * (if it has one) and a RelayOut that hands what its outbox `out` sends to the parent, tagged
 * with the child's name, through one channel for all of them. A child that has finished is
 * taken out of the graph with its relays.
 */
import type { Definition, NodeHandle, Scope } from '@plexus/core';
import { Errors, type Who } from '../errors.ts';
import {
  type Channel,
  dropChannel,
  type END,
  openChannel,
  RelayIn,
  RelayOut,
  type Tagged,
} from './relay.ts';

/** One child: its name, and the channel into its inbox `in` (if it has one). */
export interface Child {
  readonly tag: string;
  readonly input: Channel | undefined;
}

export class Children {
  /** Everything the children send, tagged, and the end of each child's output. */
  readonly output: Channel;
  private readonly outputKey: string;
  private readonly nodes = new Map<string, { nodes: NodeHandle[]; keys: string[] }>();
  private count = 0;
  private readonly local: string;

  constructor(
    private readonly ctx: {
      readonly graph: Scope;
      readonly self: { readonly name: string };
      readonly signal: AbortSignal;
    },
    private readonly who: Who,
  ) {
    const opened = openChannel(`${ctx.self.name}-out`);
    this.output = opened.channel;
    this.outputKey = opened.key;
    this.local = ctx.self.name.slice(ctx.self.name.lastIndexOf('/') + 1);
  }

  /** Children added and not yet removed. */
  get size(): number {
    return this.nodes.size;
  }

  /** Add a child running `definition` with `params`; `use` names it in errors. */
  add(use: string, definition: Definition, params: unknown): Child {
    if (!('out' in definition.outboxes))
      throw Errors.child(
        this.who,
        use,
        `${definition.name} has no outbox 'out'`,
        "A child's outbox 'out' is what its parent sends on; choose a component that has one.",
      );
    const scope = this.ctx.graph;
    const tag = `${this.local}-${++this.count}`;
    const child = scope.add(tag, definition, { params: params as never });
    const nodes: NodeHandle[] = [child];
    const keys: string[] = [];
    let input: Channel | undefined;
    if ('in' in child.definition.inboxes) {
      const opened = openChannel(`${tag}-in`);
      input = opened.channel;
      keys.push(opened.key);
      const feed = scope.add(`${tag}-feed`, RelayIn, { params: { channel: opened.key } });
      scope.link(feed.outbox('out'), child.inbox('in' as never), { capacity: 1 });
      nodes.push(feed);
    }
    const drain = scope.add(`${tag}-drain`, RelayOut, { params: { channel: this.outputKey, tag } });
    scope.link(child.outbox('out' as never), drain.inbox('in'));
    nodes.push(drain);
    this.nodes.set(tag, { nodes, keys });
    return { tag, input };
  }

  /** The next tagged message or end from any child (waits while none has sent anything). */
  next(signal: AbortSignal): Promise<Tagged | typeof END> {
    return this.output.take(signal) as Promise<Tagged | typeof END>;
  }

  /** Take a finished child and its relays out of the graph. */
  remove(tag: string): void {
    const entry = this.nodes.get(tag);
    if (entry === undefined) return;
    this.nodes.delete(tag);
    for (const key of entry.keys) dropChannel(key);
    // After this turn: the relays may still be returning from their bodies.
    setImmediate(() => {
      if (this.ctx.signal.aborted) return;
      for (const node of entry.nodes) {
        try {
          this.ctx.graph.remove(node);
        } catch {}
      }
    });
  }

  /** No child will send any more (the parent is done): wake whoever waits on the output. */
  close(): void {
    this.output.close();
    dropChannel(this.outputKey);
    for (const tag of [...this.nodes.keys()]) this.remove(tag);
  }
}
