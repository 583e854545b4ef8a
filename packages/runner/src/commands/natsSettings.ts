/**
 * The NATS settings of `--nats <url>`: servers from the flag (comma-separated; user and
 * password may be in the URL), credentials and TLS from the environment so they stay out of
 * shell history and process lists: PLEXUS_NATS_CREDS (a .creds file), PLEXUS_NATS_NKEY (an
 * nkey seed file), PLEXUS_NATS_TOKEN, PLEXUS_NATS_USER and PLEXUS_NATS_PASS,
 * PLEXUS_NATS_TLS_CA, PLEXUS_NATS_TLS_CERT, PLEXUS_NATS_TLS_KEY. None is ever printed.
 */
import type { NatsSettings } from '@plexus/nats';

export function natsSettings(url: string, env: NodeJS.ProcessEnv = process.env): NatsSettings {
  const tls = {
    ...(env.PLEXUS_NATS_TLS_CA === undefined ? {} : { caFile: env.PLEXUS_NATS_TLS_CA }),
    ...(env.PLEXUS_NATS_TLS_CERT === undefined ? {} : { certFile: env.PLEXUS_NATS_TLS_CERT }),
    ...(env.PLEXUS_NATS_TLS_KEY === undefined ? {} : { keyFile: env.PLEXUS_NATS_TLS_KEY }),
  };
  return {
    servers: url.split(',').map((server) => server.trim()),
    ...(env.PLEXUS_NATS_CREDS === undefined ? {} : { credsFile: env.PLEXUS_NATS_CREDS }),
    ...(env.PLEXUS_NATS_NKEY === undefined ? {} : { nkeySeedFile: env.PLEXUS_NATS_NKEY }),
    ...(env.PLEXUS_NATS_TOKEN === undefined ? {} : { token: env.PLEXUS_NATS_TOKEN }),
    ...(env.PLEXUS_NATS_USER === undefined ? {} : { user: env.PLEXUS_NATS_USER }),
    ...(env.PLEXUS_NATS_PASS === undefined ? {} : { pass: env.PLEXUS_NATS_PASS }),
    ...(Object.keys(tls).length === 0 ? {} : { tls }),
  };
}
