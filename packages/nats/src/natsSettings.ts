/**
 * How to reach NATS: servers and credentials, passed through to the official client and never
 * logged or shown (only `describeServers`, which drops anything secret, is printed).
 */
import { readFileSync } from 'node:fs';
import {
  type ConnectionOptions,
  connect,
  credsAuthenticator,
  type NatsConnection,
  nkeyAuthenticator,
} from '@nats-io/transport-node';

/** Servers, credentials and TLS of a NATS connection. */
export interface NatsSettings {
  /** `nats://host:port` URLs (user and password may be in the URL). */
  readonly servers: string | readonly string[];
  readonly user?: string;
  readonly pass?: string;
  readonly token?: string;
  /** A `.creds` file (JWT and nkey seed), as `nsc` writes it. */
  readonly credsFile?: string;
  /** A file holding an nkey seed (`SU…`). */
  readonly nkeySeedFile?: string;
  /** TLS: a CA to trust, and a client certificate and key. */
  readonly tls?: {
    readonly caFile?: string;
    readonly certFile?: string;
    readonly keyFile?: string;
  };
}

/** The environment variable that hands a node's settings to the units it starts. */
export const SETTINGS_ENV = 'PLEXUS_NATS_SETTINGS';

/** Connect with `settings`; `name` shows in the server's monitoring. */
export function connectNats(settings: NatsSettings, name: string): Promise<NatsConnection> {
  const options: ConnectionOptions = {
    servers: typeof settings.servers === 'string' ? settings.servers : [...settings.servers],
    name,
    // Keep trying while a server of a cluster is down: the client moves to another.
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
  };
  if (settings.user !== undefined) options.user = settings.user;
  if (settings.pass !== undefined) options.pass = settings.pass;
  if (settings.token !== undefined) options.token = settings.token;
  if (settings.credsFile !== undefined)
    options.authenticator = credsAuthenticator(readFileSync(settings.credsFile));
  else if (settings.nkeySeedFile !== undefined)
    options.authenticator = nkeyAuthenticator(
      new TextEncoder().encode(readFileSync(settings.nkeySeedFile, 'utf8').trim()),
    );
  if (settings.tls !== undefined) options.tls = { ...settings.tls };
  return connect(options);
}

/** The servers, without user names, passwords or tokens: safe to print. */
export function describeServers(settings: NatsSettings): string {
  const list =
    typeof settings.servers === 'string' ? settings.servers.split(',') : settings.servers;
  return list
    .map((server) => {
      try {
        const url = new URL(server.includes('://') ? server : `nats://${server}`);
        return `${url.protocol}//${url.host}`;
      } catch {
        return '(a server URL that does not parse)';
      }
    })
    .join(', ');
}
