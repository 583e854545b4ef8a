import { createSocket } from 'node:dgram';
import { box, defineComponent, z } from '@plexus/core';
import { Errors } from '../errors.ts';
import { hostPort } from '../net/streams.ts';

const datagram = z.object({
  payload: z.unknown().describe('The datagram: text (encoding utf8) or bytes.'),
  address: z.string().describe('Address of the sender.'),
  port: z.number().int().describe('Port of the sender.'),
});

/**
 * Receives UDP datagrams (`dgram`) on `host:port` and sends each as
 * `{ payload, address, port }`.
 *
 * `port: 0` picks a free port, announced once on `address`. UDP has no flow control: a sender
 * cannot be slowed. So that a slow consumer cannot grow memory, at most `capacity` datagrams
 * wait here; beyond that new ones are dropped, and the number dropped so far goes out on
 * `drops` (when it has grown and the backlog is cleared). Payloads are text with
 * `encoding: 'utf8'`, else bytes. With `count` it ends after that many datagrams; otherwise it
 * runs until stopped. A port it cannot bind fails it with `ERR_LISTEN`.
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
export const UdpIn = defineComponent({
  name: 'UdpIn',
  description: 'Receives UDP datagrams and sends each as { payload, address, port }.',
  outboxes: {
    out: box(datagram, 'The datagrams received, in order.'),
    address: box(
      z.object({ host: z.string(), port: z.number().int() }),
      'Where it listens, once bound.',
      { optional: true },
    ),
    drops: box(z.number().int(), 'How many datagrams were dropped so far (when any are).', {
      optional: true,
    }),
  },
  params: z.object({
    port: z.number().int().min(0).max(65535).default(0).describe('Port to bind (0: any free one).'),
    host: z.string().default('127.0.0.1').describe("Address to bind ('0.0.0.0': every interface)."),
    encoding: z
      .enum(['bytes', 'utf8'])
      .default('bytes')
      .describe("Payloads as 'bytes' or 'utf8' text."),
    capacity: z
      .number()
      .int()
      .min(1)
      .default(1024)
      .describe('Most datagrams held; beyond, new ones are dropped.'),
    count: z.number().int().min(1).optional().describe('End after this many datagrams.'),
  }),
  async body({ outbox, params, signal, name }) {
    const who = { name, type: 'UdpIn' };
    const socket = createSocket(params.host.includes(':') ? 'udp6' : 'udp4');
    const queue: z.output<typeof datagram>[] = [];
    let dropped = 0;
    let reported = 0;
    let wake: (() => void) | undefined;
    const poke = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    socket.on('message', (data, from) => {
      if (queue.length >= params.capacity) {
        dropped++;
        poke();
        return;
      }
      queue.push({
        payload: params.encoding === 'utf8' ? data.toString('utf8') : new Uint8Array(data),
        address: from.address,
        port: from.port,
      });
      poke();
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(params.port, params.host, () => {
        socket.off('error', reject);
        resolve();
      });
    }).catch((error: unknown) => {
      socket.close();
      throw Errors.listen(who, hostPort(params.host, params.port), params.host, error);
    });
    socket.on('error', () => {});
    const onAbort = () => poke();
    signal.addEventListener('abort', onAbort);
    try {
      const bound = socket.address();
      await outbox.address.send({ host: bound.address, port: bound.port });
      const count = params.count ?? Number.POSITIVE_INFINITY;
      for (let received = 0; received < count; ) {
        while (queue.length > 0 && received < count) {
          await outbox.out.send(queue.shift()!);
          received++;
        }
        if (dropped - reported >= 1000 || (dropped > reported && queue.length === 0)) {
          reported = dropped;
          await outbox.drops.send(dropped);
        }
        if (received >= count || signal.aborted) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    }
  },
});
