/**
 * Relays between a component and the children it adds to its graph (Seq's steps, Carousel's
 * children): a component cannot link its own boxes to a child's, so it hands messages over
 * through a channel. A `RelayIn` sends on what the parent puts into its channel (the child's
 * input); a `RelayOut` puts what it receives into its channel for the parent to take (the
 * child's output). Channels are bounded: a parent putting into a full channel waits, and so
 * does a child's RelayOut, so backpressure passes through. Children and relays are added in
 * the parent's thread, and find their channel in this thread's registry by key.
 */
import { box, defineComponent, z } from '@plexus/core';

/** What `take` gives at the end of a channel's stream. */
export const END: unique symbol = Symbol('end');

export class Channel {
  private readonly queue: unknown[] = [];
  private closed = false;
  /** The taker has gone (the relay stopped): puts are dropped. */
  cancelled = false;
  private readonly takers = new Set<() => void>();
  private readonly putters = new Set<() => void>();

  constructor(private readonly capacity = 16) {}

  /** Put a message, waiting while the channel is full; false once the taker has gone. */
  async put(message: unknown, signal: AbortSignal): Promise<boolean> {
    while (!this.cancelled && this.queue.length >= this.capacity) await park(this.putters, signal);
    if (this.cancelled) return false;
    this.queue.push(message);
    wake(this.takers);
    return true;
  }

  /** The next message, or END once closed and drained. */
  async take(signal: AbortSignal): Promise<unknown> {
    while (this.queue.length === 0) {
      if (this.closed) return END;
      await park(this.takers, signal);
    }
    const message = this.queue.shift();
    wake(this.putters);
    return message;
  }

  /** Put back a message taken but not delivered, first in line. */
  giveBack(message: unknown): void {
    this.queue.unshift(message);
  }

  /** No more messages will be put. */
  close(): void {
    this.closed = true;
    wake(this.takers);
  }

  /** The taker is gone: puts fail from now on (what was queued stays, for `leftovers`). */
  cancel(): void {
    this.cancelled = true;
    wake(this.putters);
    this.close();
  }

  /** Cancel, and give back what was queued and never taken. */
  leftovers(): unknown[] {
    this.cancel();
    return this.queue.splice(0);
  }
}

function park(waiters: Set<() => void>, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const done = () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const onAbort = () => {
      waiters.delete(done);
      reject(signal.reason);
    };
    waiters.add(done);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function wake(waiters: Set<() => void>): void {
  const all = [...waiters];
  waiters.clear();
  for (const w of all) w();
}

const KEY = Symbol.for('@plexus/components relays');

function registry(): Map<string, Channel> {
  const holder = globalThis as { [KEY]?: Map<string, Channel> };
  holder[KEY] ??= new Map();
  return holder[KEY];
}

let keys = 0;

/** A new channel in this thread's registry, and its key. */
export function openChannel(prefix: string): { key: string; channel: Channel } {
  const key = `${prefix}#${process.pid}:${++keys}`;
  const channel = new Channel();
  registry().set(key, channel);
  return { key, channel };
}

/** Forget a channel. */
export function dropChannel(key: string): void {
  registry().delete(key);
}

function lookup(kind: string, key: string): Channel {
  const channel = registry().get(key);
  if (channel === undefined)
    throw new Error(
      `${kind}: there is no channel '${key}'. This component is added by Seq or Carousel for their children; do not add it yourself.`,
    );
  return channel;
}

/** Part of Seq and Carousel: a child's input. */
export const RelayIn = defineComponent({
  name: 'RelayIn',
  description:
    'Part of Seq and Carousel (added by them): sends on what its parent hands it, as a child’s input.',
  outboxes: { out: box(z.any(), 'What the parent hands over, in order.') },
  params: z.object({ channel: z.string().describe('The key of its channel.') }),
  gracefulStop: 'drain',
  async body({ outbox, params, signal, waitRoom }) {
    const channel = lookup('RelayIn', params.channel);
    try {
      for (;;) {
        // One message at a time: the next is taken only once the child has taken the last,
        // so a child that finishes leaves the rest in the channel for its parent.
        await waitRoom(outbox.out);
        const message = await channel.take(signal);
        if (message === END) return;
        try {
          await outbox.out.send(message);
        } catch (error) {
          channel.giveBack(message);
          throw error;
        }
      }
    } finally {
      channel.cancel();
    }
  },
});

/** What a RelayOut puts into its parent's channel: a child's message, or the end of its output. */
export type Tagged =
  | { readonly tag: string; readonly message: unknown }
  | { readonly tag: string; readonly end: true };

/** Part of Seq and Carousel: a child's output. */
export const RelayOut = defineComponent({
  name: 'RelayOut',
  description: 'Part of Seq and Carousel (added by them): hands what a child sends to its parent.',
  inboxes: { in: box(z.any(), 'What the child sends.') },
  params: z.object({
    channel: z.string().describe('The key of its channel.'),
    tag: z.string().describe('Which child it relays, as its parent knows it.'),
  }),
  async body({ inbox, params, signal }) {
    const channel = lookup('RelayOut', params.channel);
    const { tag } = params;
    let ended = false;
    try {
      for await (const message of inbox.in)
        if (!(await channel.put({ tag, message } satisfies Tagged, signal))) return;
      ended = true;
    } finally {
      // The end is reported even when stopped, unless the stop ended the parent too.
      if (!signal.aborted || ended)
        await channel.put({ tag, end: true } satisfies Tagged, signal).catch(() => {});
    }
  },
});
