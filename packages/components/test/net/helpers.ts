/** Helpers for the networking tests: collectors, a raw TCP peer, waiting for a condition. */
import { connect, type Socket } from 'node:net';
import { box, defineComponent, z } from '@plexus/core';

/** A sink that pushes every message it receives into `sink`. */
export function collector(sink: unknown[]) {
  return defineComponent({
    name: 'Collect',
    description: 'Collects every message it receives.',
    inboxes: { in: box(z.any(), 'Messages.') },
    async body({ inbox }) {
      for await (const message of inbox.in) sink.push(message);
    },
  });
}

/** A source that sends the given messages, then ends. */
export function feed(messages: readonly unknown[]) {
  return defineComponent({
    name: 'Feed',
    description: 'Sends the given messages in order, then ends.',
    outboxes: { out: box(z.any(), 'The messages.') },
    async body({ outbox }) {
      for (const message of messages) await outbox.out.send(message);
    },
  });
}

/** Wait until `condition()` holds (polling), failing after a generous `timeout`. */
export async function until(condition: () => boolean, timeout = 10_000, what = 'condition') {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** What a raw peer received before the connection closed. */
export interface Conversation {
  readonly data: Buffer;
  /** The peer's side ended cleanly (FIN) before close. */
  readonly ended: boolean;
  readonly error: (Error & { code?: string }) | undefined;
}

/** Connect, send `chunks`, end our side (unless `end: false`), collect everything until close. */
export function talk(
  port: number,
  chunks: readonly (string | Uint8Array)[],
  options: { end?: boolean; host?: string; onSocket?: (socket: Socket) => void } = {},
): Promise<Conversation> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: options.host ?? '127.0.0.1', allowHalfOpen: true });
    const received: Buffer[] = [];
    let ended = false;
    let error: Error | undefined;
    socket.on('data', (data: Buffer) => received.push(data));
    socket.on('end', () => {
      ended = true;
      socket.end();
    });
    socket.on('error', (e) => {
      error = e;
    });
    socket.on('close', () => resolve({ data: Buffer.concat(received), ended, error }));
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk);
      if (options.end !== false) socket.end();
    });
    options.onSocket?.(socket);
  });
}

/** An error with the facts Plexus errors carry. */
export type Failure = Error & {
  code?: string;
  component?: string;
  cause?: Error & { code?: string };
};

/** The error `promise` rejects with (fails the test if it resolves). */
export async function failure(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (error) {
    return error as Failure;
  }
  throw new Error('expected a failure, but it succeeded');
}
