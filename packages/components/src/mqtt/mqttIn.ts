import { box, defineComponent, z } from '@plexus/core';
import type { IPublishPacket } from 'mqtt';
import { Errors } from '../errors.ts';
import { connectionParams, connectMqtt, endMqtt, qos } from './client.ts';
import { decodePayload, payloadFormat } from './payload.ts';

const message = z.object({
  topic: z.string().describe('The topic it was published to.'),
  payload: z.unknown().describe('The payload, decoded as the payload param says.'),
  qos: z.number().int().describe('The QoS it was delivered with.'),
  retain: z.boolean().describe('Whether the broker kept it as the retained message of its topic.'),
});

/**
 * A message as MqttIn sends it.
 *
 * The topic it was published to, the payload decoded as MqttIn's `payload` param says, the QoS
 * it was delivered with, and whether it is the broker's retained message for the topic.
 *
 * @example
 * ```ts
 * import type { MqttMessage } from '@plexus/components';
 *
 * export const celsius = (m: MqttMessage): number | undefined =>
 *   m.topic.endsWith('/temp') && typeof m.payload === 'number' ? m.payload : undefined;
 * ```
 */
export type MqttMessage = z.output<typeof message>;

/**
 * Subscribes to MQTT topics (wildcards welcome) and sends each message received as
 * `{ topic, payload, qos, retain }`.
 *
 * It connects to the broker at `url` when the graph starts — failing with `ERR_CONNECT`,
 * naming the broker, if the first connection does not succeed within `connectTimeoutMs` —
 * and subscribes to `topics` with `qos` (0, 1 or 2; `+` matches one level, `#` the rest). A
 * subscription the broker refuses fails it with `ERR_SUBSCRIBE`; once all are in place,
 * `{ url, topics }` goes out on `ready` (link it to what publishes, so that nothing published
 * is missed). Retained messages arrive
 * first, with `retain: true`. Payloads are decoded by `payload`: `auto` (JSON when it parses,
 * else text), `text`, `json` or `bytes`. When the connection is lost it reconnects every
 * `reconnectMs` and resubscribes; with `clean: false` and a fixed `clientId` the broker keeps
 * its QoS 1 and 2 messages meanwhile. Backpressure reaches the broker: the next packet is
 * read only when the last message has gone into the outbox's link, and a QoS 1 or 2 message
 * is acknowledged only then (a slow consumer slows the socket, and nothing piles up here).
 * With `count` it ends after that many messages; otherwise it runs until stopped. Stopping
 * disconnects cleanly.
 *
 * @example
 * ```ts
 * import { MqttIn, MqttOut } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * // A retained reading (needs a broker on 127.0.0.1:1883, such as Mosquitto).
 * const reading = { topic: 'plexus-docs/hall/temp', payload: 21.5, retain: true };
 * await runComponent(MqttOut, { in: [reading] }, { params: { qos: 1 } });
 * const { out } = await runComponent(MqttIn, {}, {
 *   params: { topics: ['plexus-docs/+/temp'], qos: 1, count: 1 },
 * });
 * // out: [{ topic: 'plexus-docs/hall/temp', payload: 21.5, qos: 1, retain: true }]
 * ```
 */
export const MqttIn = defineComponent({
  name: 'MqttIn',
  description:
    'Subscribes to MQTT topics and sends each message received as { topic, payload, qos, retain }.',
  outboxes: {
    out: box(message, 'The messages received, in order.'),
    ready: box(
      z.object({ url: z.string(), topics: z.array(z.string()) }),
      'Sent once, when the subscriptions are in place: start publishing then.',
      { optional: true },
    ),
  },
  params: z.object({
    ...connectionParams,
    topics: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .describe("Topic filters to subscribe to, e.g. 'sensors/+/temp' or ['a/#', 'b']."),
    qos,
    payload: payloadFormat,
    clean: z
      .boolean()
      .default(true)
      .describe('Start a clean session (false: the broker keeps the subscription while away).'),
    count: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('End after this many messages (default: run until stopped).'),
  }),
  async body({ outbox, params, signal, name }) {
    const who = { name, type: 'MqttIn' };
    const topics = [params.topics].flat();
    const client = await connectMqtt(params, who, signal, { clean: params.clean });
    let waiting: { packet: IPublishPacket; done: (error?: Error) => void } | undefined;
    let wake: (() => void) | undefined;
    client.handleMessage = (packet, done) => {
      waiting = { packet, done };
      wake?.();
    };
    const onAbort = () => wake?.();
    signal.addEventListener('abort', onAbort);
    try {
      const granted = await client.subscribeAsync(
        Object.fromEntries(topics.map((topic) => [topic, { qos: params.qos }])),
      );
      for (const grant of granted)
        if (grant.qos === 128)
          throw Errors.subscribe(who, params.url, grant.topic, 'the broker refused it');
      await outbox.ready.send({ url: params.url, topics });
      const count = params.count ?? Number.POSITIVE_INFINITY;
      for (let received = 0; received < count; received++) {
        while (waiting === undefined) {
          signal.throwIfAborted();
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        }
        const { packet, done } = waiting;
        waiting = undefined;
        let payload: unknown;
        try {
          payload = decodePayload(packet.payload as Uint8Array, params.payload);
        } catch (error) {
          done();
          throw Errors.badFormat(
            who,
            'a payload',
            (error as Error).message,
            ` on '${packet.topic}'`,
            "Publish JSON there, or set payload: 'auto' or 'text'.",
          );
        }
        await outbox.out.send({
          topic: packet.topic,
          payload,
          qos: packet.qos,
          retain: packet.retain,
        });
        done();
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      await endMqtt(client, signal.aborted);
    }
  },
});
