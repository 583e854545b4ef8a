/**
 * An MQTT client (the `mqtt` package) for a component: connected before the body goes on
 * (a broker that cannot be reached the first time fails the component, naming it), then
 * reconnecting by itself, resubscribing, for as long as the component runs.
 */
import { z } from '@plexus/core';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { Errors, type Who } from '../errors.ts';

/** The connection params every MQTT component takes. */
export const connectionParams = {
  url: z
    .string()
    .default('mqtt://127.0.0.1:1883')
    .describe('The broker: mqtt://host:port, mqtts:// (TLS), ws:// or wss://.'),
  clientId: z.string().optional().describe('Client id (default: a random one).'),
  username: z.string().optional().describe('User name, if the broker asks for one.'),
  password: z.string().optional().describe('Password, if the broker asks for one.'),
  keepalive: z
    .number()
    .int()
    .min(0)
    .default(60)
    .describe('Seconds between keep-alive pings (0: none).'),
  reconnectMs: z
    .number()
    .int()
    .min(100)
    .default(1000)
    .describe('Wait between reconnection attempts after the connection is lost.'),
  connectTimeoutMs: z
    .number()
    .int()
    .min(1)
    .default(10_000)
    .describe('How long the first connection may take before the component fails.'),
};

export const qos = z
  .union([z.literal(0), z.literal(1), z.literal(2)])
  .default(0)
  .describe('Quality of service: 0 at most once, 1 at least once, 2 exactly once.');

type ConnectionParams = {
  url: string;
  clientId?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  keepalive: number;
  reconnectMs: number;
  connectTimeoutMs: number;
};

/** A connected client; `extra` adds options (a clean session, a will). */
export async function connectMqtt(
  params: ConnectionParams,
  who: Who,
  signal: AbortSignal,
  extra: IClientOptions = {},
): Promise<MqttClient> {
  const client = mqtt.connect(params.url, {
    reconnectPeriod: params.reconnectMs,
    connectTimeout: params.connectTimeoutMs,
    keepalive: params.keepalive,
    resubscribe: true,
    ...(params.clientId === undefined ? {} : { clientId: params.clientId }),
    ...(params.username === undefined ? {} : { username: params.username }),
    ...(params.password === undefined ? {} : { password: params.password }),
    ...extra,
  });
  // Errors after the first connection are the client's to recover from (it reconnects).
  client.on('error', () => {});
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            Object.assign(new Error(`no answer within ${params.connectTimeoutMs} ms`), {
              code: 'ETIMEDOUT',
            }),
          ),
        params.connectTimeoutMs,
      );
      const done = (error?: unknown) => {
        clearTimeout(timer);
        client.off('connect', onConnect);
        client.off('error', onError);
        signal.removeEventListener('abort', onAbort);
        if (error === undefined) resolve();
        else reject(error);
      };
      const onConnect = () => done();
      const onError = (error: Error) => done(error);
      const onAbort = () => done(signal.reason);
      client.once('connect', onConnect);
      client.once('error', onError);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  } catch (error) {
    client.end(true);
    if (signal.aborted) throw signal.reason;
    throw Errors.connectUrl(who, params.url, error);
  }
  return client;
}

/** Close the client: flush what is in flight (or drop it with `force`), then disconnect. */
export function endMqtt(client: MqttClient, force = false): Promise<void> {
  return new Promise((resolve) => client.end(force, {}, () => resolve()));
}
