/**
 * How a unit reaches the other end of a link: a MessagePort, or a Unix socket one end listens
 * on and the other connects to.
 */
import type { Endpoint } from './Endpoint.ts';

/**
 * How a unit reaches the other end of a link: a MessagePort (in-process: the main thread and
 * worker threads), or a Unix socket path that one end listens on and the other connects to
 * (across processes). The host turns a socket into an Endpoint with `@plexus/host`.
 *
 * A port can be posted to a worker as it is; a socket spec is plain data, so it can be sent to
 * a child process, which opens it there.
 *
 * @example
 * ```ts
 * import type { EndpointSpec, SocketSpec } from '@plexus/core/backend';
 *
 * export const isSocket = (spec: EndpointSpec): spec is SocketSpec => 'socket' in spec;
 * ```
 */
export type EndpointSpec = Endpoint | SocketSpec;

/**
 * One end of a link over a Unix socket.
 *
 * A backend whose units run in other processes makes two per link (`crossProcess.channel()`):
 * the same path, one end listening and the other connecting.
 *
 * @example
 * ```ts
 * import type { SocketSpec } from '@plexus/core/backend';
 *
 * export const pair = (path: string): readonly [SocketSpec, SocketSpec] => [
 *   { socket: path, listen: true },
 *   { socket: path, listen: false },
 * ];
 * ```
 */
export interface SocketSpec {
  readonly socket: string;
  /** This end listens (the other connects). */
  readonly listen: boolean;
}
