import { box, defineComponent, z } from '@plexus/core';
import { Errors } from '../errors.ts';
import { connectionParams, connectMqtt, endMqtt, qos } from './client.ts';
import { encodePayload } from './payload.ts';

/**
 * Publishes each message it receives to an MQTT broker: `{ topic, payload, qos, retain }`, or
 * any other value as the payload to the `topic` param.
 *
 * A message that is an object with a `payload` is published as Node-RED does: to its
 * `topic` (else the `topic` param), with its `qos` and `retain` if it has them (else the
 * params'). Any other message is itself the payload. Text and bytes are published as they
 * are, anything else as JSON. It connects when the graph starts (`ERR_CONNECT`, naming the
 * broker, if the first connection fails) and reconnects by itself when the connection is
 * lost. At most `inflight` publishes are unconfirmed at once (written, for QoS 0; acknowledged
 * by the broker, for QoS 1 and 2): beyond that it waits, so a slow or unreachable broker holds
 * back its senders instead of filling memory. When its input ends it waits for every publish
 * to be confirmed, then disconnects cleanly. A message without a topic, or one the broker
 * refuses, fails it with `ERR_PUBLISH`.
 *
 * @example
 * ```ts
 * import { MqttIn, MqttOut } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * // Bare payloads go to the topic param (a broker on 127.0.0.1:1883, such as Mosquitto).
 * await runComponent(MqttOut, { in: ['open'] }, {
 *   params: { topic: 'plexus-docs/door', qos: 1, retain: true },
 * });
 * const { out } = await runComponent(MqttIn, {}, {
 *   params: { topics: ['plexus-docs/door'], count: 1, payload: 'text' },
 * });
 * const payloads = out.map((m) => m.payload);
 * // payloads: ['open']
 * ```
 */
export const MqttOut = defineComponent({
  name: 'MqttOut',
  description: 'Publishes each message it receives to an MQTT broker.',
  inboxes: {
    in: box(z.any(), '{ topic, payload, qos, retain } objects, or payloads for the topic param.'),
  },
  params: z.object({
    ...connectionParams,
    topic: z
      .string()
      .min(1)
      .optional()
      .describe("Topic of messages that name none, e.g. 'alerts'."),
    qos,
    retain: z
      .boolean()
      .default(false)
      .describe('Ask the broker to keep the last message of each topic.'),
    inflight: z
      .number()
      .int()
      .min(1)
      .default(32)
      .describe('Most publishes not yet confirmed at once; beyond that the sender waits.'),
  }),
  async body({ inbox, params, signal, name }) {
    const who = { name, type: 'MqttOut' };
    const client = await connectMqtt(params, who, signal);
    const pending: Promise<void>[] = [];
    let failure: unknown;
    try {
      for await (const message of inbox.in) {
        const shaped: { topic?: unknown; payload: unknown; qos?: unknown; retain?: unknown } =
          typeof message === 'object' && message !== null && 'payload' in message
            ? message
            : { payload: message };
        const topic = typeof shaped.topic === 'string' ? shaped.topic : params.topic;
        if (topic === undefined)
          throw Errors.publish(
            who,
            params.url,
            '(none)',
            new Error('the message has no topic, and the topic param is not set'),
          );
        const options = {
          qos: (shaped.qos === 0 || shaped.qos === 1 || shaped.qos === 2
            ? shaped.qos
            : params.qos) as 0 | 1 | 2,
          retain: typeof shaped.retain === 'boolean' ? shaped.retain : params.retain,
        };
        pending.push(
          client.publishAsync(topic, encodePayload(shaped.payload), options).then(
            () => undefined,
            (error: unknown) => {
              failure ??= Errors.publish(who, params.url, topic, error);
            },
          ),
        );
        if (failure !== undefined) throw failure;
        if (pending.length >= params.inflight) await pending.shift();
      }
      await Promise.all(pending);
      if (failure !== undefined) throw failure;
    } finally {
      await endMqtt(client, signal.aborted || failure !== undefined);
    }
  },
});
