import { createSocket } from 'node:dgram';
import { box, defineComponent, z } from '@plexus/core';
import { Errors } from '../errors.ts';

/**
 * Sends each message as a UDP datagram (`dgram`) to `host:port`, or to the `address` and
 * `port` a `{ payload, address, port }` message names.
 *
 * Text is sent as UTF-8 and bytes as they are; other values as JSON. Each send waits until
 * the datagram has been handed to the system, so a burst does not pile up in memory. A
 * datagram that cannot be sent (too large, no route) fails it with `ERR_CONNECTION`, naming
 * the peer. It ends when its input does, closing its socket.
 *
 * @example
 * ```ts
 * import { collectInto, map, UdpIn, UdpOut } from '@plexus/components';
 * import { graph } from '@plexus/core';
 *
 * // UdpIn takes a free port and announces it; UdpOut sends one datagram there.
 * const g = graph('udp');
 * const receive = g.add('receive', UdpIn, { params: { encoding: 'utf8', count: 1 } });
 * const hello = g.add('hello', map((at: { port: number }) => ({ payload: 'hello', port: at.port })));
 * g.link(receive.outbox('address'), hello.inbox('in'));
 * g.link(hello.outbox('out'), g.add('send', UdpOut).inbox('in'));
 * const got: { payload: unknown }[] = [];
 * g.link(receive.outbox('out'), g.add('keep', collectInto(got)).inbox('in'));
 * await g.run();
 * const payloads = got.map((datagram) => datagram.payload);
 * // payloads: ['hello']
 * ```
 */
export const UdpOut = defineComponent({
  name: 'UdpOut',
  description: 'Sends each message as a UDP datagram.',
  inboxes: {
    in: box(z.any(), 'Payloads, or { payload, address, port } to send elsewhere.'),
  },
  params: z.object({
    host: z.string().default('127.0.0.1').describe('Host to send to.'),
    port: z
      .number()
      .int()
      .min(1)
      .max(65535)
      .optional()
      .describe('Port to send to (or give one per message).'),
  }),
  async body({ inbox, params, name }) {
    const who = { name, type: 'UdpOut' };
    const socket = createSocket(params.host.includes(':') ? 'udp6' : 'udp4');
    socket.on('error', () => {});
    try {
      for await (const message of inbox.in) {
        const addressed =
          typeof message === 'object' &&
          message !== null &&
          'payload' in message &&
          'port' in message;
        const payload = addressed ? (message as { payload: unknown }).payload : message;
        const host = addressed
          ? String((message as { address?: unknown }).address ?? params.host)
          : params.host;
        const port = addressed ? Number((message as { port: unknown }).port) : params.port;
        if (port === undefined)
          throw Errors.connection(
            who,
            host,
            new Error('the message names no port, and the port param is not set'),
          );
        const data =
          typeof payload === 'string'
            ? Buffer.from(payload, 'utf8')
            : payload instanceof Uint8Array
              ? payload
              : Buffer.from(JSON.stringify(payload) ?? 'null', 'utf8');
        await new Promise<void>((resolve, reject) =>
          socket.send(data, port, host, (error) => (error ? reject(error) : resolve())),
        ).catch((error: unknown) => {
          throw Errors.connection(who, `${host}:${port}`, error);
        });
      }
    } finally {
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    }
  },
});
