/**
 * TcpServer: Kamaelia's ServerCore. It listens, and for every connection it accepts it grows
 * its graph by one protocol component, wired between the connection's reader and writer.
 */

import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import {
  box,
  type ComponentDefinition,
  type Context,
  type Definition,
  defineComponent,
  type NodeHandle,
  type OutRef,
  type ParamsInput,
  type Scope,
  z,
} from '@plexus/core';
import { Errors, type Who } from '../errors.ts';
import { definedIn, type FactoryReference, factoryCaller } from '../internal/factory.ts';
import { loadComponent } from '../internal/loadComponent.ts';
import {
  type Connection,
  registerConnection,
  TcpSocketReader,
  TcpSocketWriter,
  unregisterConnection,
} from './connection.ts';
import { chunk, encoding, hostPort } from './streams.ts';

/**
 * What a TcpServer tells a protocol factory and its `connections` outbox about one connection.
 *
 * Given to {@link TcpServerOptions}' `params` and `wire` functions, so each connection's
 * protocol instance can be configured for its peer.
 *
 * @example
 * ```ts
 * import type { TcpConnectionInfo } from '@plexus/components';
 *
 * export const greeting = (c: TcpConnectionInfo) => ({ text: `hello ${c.remoteAddress}, you are #${c.id}` });
 * ```
 */
export interface TcpConnectionInfo {
  /** Number of the connection in its server: 1, 2, … */
  readonly id: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
}

const address = z.object({
  host: z.string().describe('The address listened on, e.g. 127.0.0.1.'),
  port: z.number().int().describe('The port listened on (the one chosen, for port 0).'),
});

const connectionEvent = z.object({
  id: z.number().int(),
  event: z.enum(['open', 'close']),
  remoteAddress: z.string(),
  remotePort: z.number().int(),
  /** On close: the socket error that ended the connection, if one did (e.g. ECONNRESET). */
  error: z.string().optional(),
});

/**
 * One event of a TcpServer's `connections` outbox.
 *
 * `open` when a connection is accepted and `close` when it ends, with the connection's number
 * and the peer's address; a close caused by a socket error says which.
 *
 * @example
 * ```ts
 * import type { TcpConnectionEvent } from '@plexus/components';
 *
 * export const line = (e: TcpConnectionEvent) =>
 *   `#${e.id} ${e.event} ${e.remoteAddress}:${e.remotePort}${e.error ? ` (${e.error})` : ''}`;
 * ```
 */
export type TcpConnectionEvent = z.output<typeof connectionEvent>;

const outboxes = {
  address: box(
    address,
    'Where the server listens, sent once when it starts listening (the port chosen for port 0 is here).',
    { optional: true },
  ),
  connections: box(
    connectionEvent,
    'An event when each connection opens, and one when it has closed (with the socket error, if any).',
    { optional: true },
  ),
};

/** The params every TcpServer has; a factory may change their defaults. */
function listenParams(defaults: { port?: number; host?: string; encoding?: 'bytes' | 'utf8' }) {
  return {
    port: z
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(defaults.port ?? 0)
      .describe('Port to listen on; 0 picks a free one, announced on the address outbox.'),
    host: z
      .string()
      .default(defaults.host ?? '127.0.0.1')
      .describe(
        "Address to listen on: '127.0.0.1' (this machine only), '0.0.0.0' or '::' (every interface).",
      ),
    encoding: encoding.default(defaults.encoding ?? 'bytes'),
    maxConnections: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Connections beyond this many at once are closed as soon as they arrive.'),
  };
}

type ListenParams = {
  port: number;
  host: string;
  encoding: 'bytes' | 'utf8';
  maxConnections?: number | undefined;
};

/** How connections are handled: the protocol definition, its params, and extra wiring. */
interface Protocol {
  readonly definition: Definition;
  readonly params: (connection: TcpConnectionInfo) => unknown;
  readonly wire:
    | ((graph: Scope, protocol: NodeHandle, connection: TcpConnectionInfo) => void)
    | undefined;
}

/**
 * Options of {@link tcpServer}.
 *
 * The protocol component run once per connection, its params (fixed, or a function of the
 * connection), extra wiring, and the default address and encoding.
 *
 * @example
 * ```ts
 * import { type TcpServerOptions, tcpServer } from '@plexus/components';
 * import { box, defineComponent, z } from '@plexus/core';
 *
 * export const Echo = defineComponent({
 *   name: 'Echo',
 *   description: 'Sends back what it receives.',
 *   inboxes: { in: box(z.string(), 'Text from the peer.') },
 *   outboxes: { out: box(z.string(), 'Text to the peer.') },
 *   async body({ inbox, outbox }) {
 *     for await (const text of inbox.in) await outbox.out.send(text);
 *   },
 * });
 * const options: TcpServerOptions<typeof Echo> = { protocol: Echo, port: 7000, encoding: 'utf8' };
 * export const EchoServer = tcpServer(options);
 * ```
 */
export interface TcpServerOptions<P extends Definition> {
  /** The component (or composite) that handles each connection: bytes arrive on its inbox `in`, what its outbox `out` sends goes to the peer. */
  readonly protocol: P;
  /** Params of each protocol instance, or a function of the connection that returns them. */
  readonly params?: ParamsInput<P> | ((connection: TcpConnectionInfo) => ParamsInput<P>);
  /** Link the protocol's other boxes, once per connection, e.g. to a Backplane. */
  readonly wire?: (graph: Scope, protocol: NodeHandle<P>, connection: TcpConnectionInfo) => void;
  /** Default port (0: any free port). */
  readonly port?: number;
  /** Default host (`127.0.0.1`). */
  readonly host?: string;
  /** Default encoding of what the protocol receives (`bytes`). */
  readonly encoding?: 'bytes' | 'utf8';
  /** Name of the definition (default `TcpServer`). */
  readonly name?: string;
}

/**
 * A TCP server for a protocol given in code (Kamaelia's ServerCore): returns a component
 * definition to add to a graph.
 *
 * The server listens on `host:port` (announced on the `address` outbox) once its graph runs,
 * and for every connection it accepts it adds three components to its own graph: a reader,
 * an instance of `protocol`, and a writer, linked reader → protocol `in` and protocol `out` →
 * writer. They are named after the server: `srv-1`, `srv-1-recv`, `srv-1-send` for its first
 * connection. When the peer ends its side, the protocol's inbox ends; when the protocol's
 * outbox `out` closes (its body returned), what it sent is flushed and the connection is
 * closed. Reading is paused while the link into the protocol is full. The server runs until it
 * is stopped: a graceful stop closes the listening socket, ends every connection's input, lets
 * each protocol finish and flushes its output; a hard stop cuts every connection. Finished
 * connections are removed from the graph (a protocol instance still running is stopped). A
 * protocol that throws fails the graph, as any component does. Like every factory of this
 * package, the definition counts as defined where `tcpServer` was called: exported from a
 * module of its own (with a distinct `name`), it can be placed on a worker or in a process;
 * made inside a function or a test, it runs inline. To name a server in a graph file, use
 * {@link TcpServer}.
 *
 * @example
 * ```ts
 * import { collectInto, FromItems, TcpClient, tcpServer } from '@plexus/components';
 * import { box, defineComponent, graph, z } from '@plexus/core';
 *
 * const Shout = defineComponent({
 *   name: 'Shout',
 *   description: 'Sends back what it receives, upper-cased.',
 *   inboxes: { in: box(z.string(), 'Text from the peer.') },
 *   outboxes: { out: box(z.string(), 'Text to the peer.') },
 *   async body({ inbox, outbox }) {
 *     for await (const text of inbox.in) await outbox.out.send(text.toUpperCase());
 *   },
 * });
 *
 * // The server graph, on a free port it announces.
 * const server = graph('server');
 * const listening: { port: number }[] = [];
 * const shout = server.add('shout', tcpServer({ protocol: Shout, encoding: 'utf8' }));
 * server.link(shout.outbox('address'), server.add('at', collectInto(listening)).inbox('in'));
 * const serving = server.run();
 * while (listening.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
 *
 * // A client graph: it writes one line, half-closes, and reads until the server closes.
 * const client = graph('client');
 * const got: string[] = [];
 * client.pipeline(
 *   client.add('ask', FromItems, { params: { items: ['hello\n'] } }),
 *   client.add('conn', TcpClient, { params: { port: listening[0]!.port, encoding: 'utf8' } }),
 *   client.add('keep', collectInto(got)),
 * );
 * await client.run();
 * await server.stop({ graceful: true });
 * await serving;
 * const reply = got.join('');
 * // reply: 'HELLO\n'
 * ```
 */
export function tcpServer<P extends Definition>(
  options: TcpServerOptions<P>,
): ComponentDefinition<{}, typeof outboxes, z.ZodObject<ReturnType<typeof listenParams>>> {
  checkProtocol({ type: 'tcpServer():' }, options.protocol);
  const params = options.params;
  const protocol: Protocol = {
    definition: options.protocol,
    params: typeof params === 'function' ? params : () => params,
    wire: options.wire as Protocol['wire'],
  };
  const made = defineComponent({
    name: options.name ?? 'TcpServer',
    description: `Listens for TCP connections and handles each with a new ${options.protocol.name} component.`,
    outboxes,
    params: z.object(listenParams(options)),
    body: (ctx) => serve(ctx, async () => protocol),
  });
  return definedIn(made, factoryCaller());
}

tcpServer.reference = {
  signature: 'tcpServer({ protocol, params?, wire?, port?, host?, encoding?, name? })',
  options: {
    protocol:
      "The component (or composite) for each connection: the peer's data arrives on its inbox 'in', what its outbox 'out' sends goes back.",
    params:
      'Params of each protocol instance, or (connection) => params, with { id, remoteAddress, remotePort }.',
    wire: '(graph, protocol, connection) => void: link the protocol’s other boxes, once per connection.',
    port: 'Default of the port param (0: any free port).',
    host: "Default of the host param ('127.0.0.1').",
    encoding: "Default of the encoding param ('bytes').",
    name: "Type name of the definition (default 'TcpServer'); give each exported server its own.",
  },
  sample: () => tcpServer({ protocol: sampleProtocol }),
} satisfies FactoryReference;

const sampleProtocol = defineComponent({
  name: 'MyProtocol',
  description: 'Sends back what it receives.',
  inboxes: { in: box(chunk, 'Data from the peer.') },
  outboxes: { out: box(chunk, 'The same data.') },
  async body({ inbox, outbox }) {
    for await (const data of inbox.in) await outbox.out.send(data);
  },
});

/**
 * A TCP server that handles each connection with a protocol component named by module and
 * export (Kamaelia's ServerCore), for graph files and for placing a server off the main thread.
 *
 * It behaves as {@link tcpServer}: it listens on `host:port`, announces the address, and for
 * each accepted connection adds a reader, an instance of the protocol (with `protocolParams`)
 * and a writer to its graph, linked reader → protocol `in`, protocol `out` → writer; it runs
 * until stopped, and a graceful stop lets every connection's protocol finish. `protocol` is
 * `module#Export`: a package (`@my/protocols#Echo`), or a path — absolute, or relative to the
 * working directory of the process (not to a graph file). The module is loaded with `import()`
 * when the server starts, so a TypeScript module needs TypeScript support in that process (the
 * `plexus` runner has it when the graph uses TypeScript components); the server fails at start
 * if the export is missing or is not a component with inbox `in` and outbox `out`.
 *
 * @example
 * ```ts
 * import { collectInto, FromItems, TcpClient, TcpServer } from '@plexus/components';
 * import { graph } from '@plexus/core';
 *
 * // An echo server: each connection gets a Delay of 0 ms, which sends back what it receives.
 * const server = graph('echo');
 * const listening: { port: number }[] = [];
 * const echo = server.add('server', TcpServer, {
 *   params: { protocol: '@plexus/components#Delay', protocolParams: { ms: 0 }, encoding: 'utf8' },
 * });
 * server.link(echo.outbox('address'), server.add('at', collectInto(listening)).inbox('in'));
 * const serving = server.run();
 * while (listening.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
 *
 * // A client: it writes one line, half-closes, and reads until the server closes.
 * const client = graph('client');
 * const got: string[] = [];
 * client.pipeline(
 *   client.add('say', FromItems, { params: { items: ['ping\n'] } }),
 *   client.add('conn', TcpClient, { params: { port: listening[0]!.port, encoding: 'utf8' } }),
 *   client.add('keep', collectInto(got)),
 * );
 * await client.run();
 * await server.stop({ graceful: true });
 * await serving;
 * const reply = got.join('');
 * // reply: 'ping\n'
 * ```
 */
export const TcpServer = defineComponent({
  name: 'TcpServer',
  description:
    'Listens for TCP connections and handles each with a new instance of a protocol component (Kamaelia’s ServerCore).',
  outboxes,
  params: z.object({
    protocol: z
      .string()
      .min(1)
      .describe(
        "The component that handles each connection, as 'module#Export' (a package, or a path relative to the working directory).",
      ),
    protocolParams: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('Params of each protocol instance.'),
    ...listenParams({}),
  }),
  body: (ctx) =>
    serve(ctx, async () => {
      const who = { name: ctx.name, type: 'TcpServer' };
      const definition = await loadProtocol(who, ctx.params.protocol);
      checkProtocol(who, definition);
      const params = ctx.params.protocolParams;
      return { definition, params: () => params, wire: undefined };
    }),
});

function checkProtocol(who: Who, definition: Definition | undefined): void {
  const kind = (definition as { kind?: unknown } | undefined)?.kind;
  if (kind !== 'component' && kind !== 'graph') {
    throw Errors.badProtocol(
      who,
      String((definition as { name?: unknown } | undefined)?.name ?? definition),
      'it is not a component definition',
      'Pass what defineComponent() or defineGraph() returned.',
    );
  }
  const missing = [
    'in' in definition!.inboxes ? undefined : "inbox 'in'",
    'out' in definition!.outboxes ? undefined : "outbox 'out'",
  ].filter((m) => m !== undefined);
  if (missing.length > 0) {
    throw Errors.badProtocol(
      who,
      definition!.name,
      `it has no ${missing.join(' and no ')}`,
      "A protocol receives the peer's data on inbox 'in' and sends what goes back on outbox 'out': declare both.",
    );
  }
}

function loadProtocol(who: Who, spec: string): Promise<Definition> {
  return loadComponent(spec, (problem, fix, cause) =>
    Errors.badProtocol(who, spec, problem, fix, cause),
  );
}

let servers = 0;

/** The body of every TcpServer. */
async function serve(
  ctx: Context<{}, typeof outboxes, ListenParams>,
  getProtocol: () => Promise<Protocol>,
): Promise<void> {
  const { params, outbox, signal, self } = ctx;
  const scope = ctx.graph;
  const who = { name: ctx.name, type: self.definition.name };
  const protocol = await getProtocol();
  const local = self.name.slice(self.name.lastIndexOf('/') + 1);
  const serverKey = `${process.pid}:${++servers}`;

  const events: TcpConnectionEvent[] = [];
  const live = new Map<number, NodeHandle[]>();
  const sockets = new Set<Socket>();
  let failure: unknown;
  let wake: (() => void) | undefined;
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  let count = 0;

  const server = createServer({ allowHalfOpen: true, pauseOnConnect: true });
  if (params.maxConnections !== undefined) server.maxConnections = params.maxConnections;
  server.on('connection', (socket: Socket) => {
    if (signal.aborted || failure !== undefined) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const info: TcpConnectionInfo = {
      id: ++count,
      remoteAddress: socket.remoteAddress ?? '',
      remotePort: socket.remotePort ?? 0,
    };
    const key = `${serverKey}:${info.id}`;
    let open = 2;
    const connection: Connection = {
      socket,
      error: undefined,
      finished: () => {
        if (--open > 0) return;
        unregisterConnection(key);
        const nodes = live.get(info.id);
        live.delete(info.id);
        // Once the reader, protocol and writer have all settled, take them out of the graph.
        if (nodes !== undefined) {
          setImmediate(() => {
            if (signal.aborted) return;
            for (const node of nodes) {
              try {
                scope.remove(node);
              } catch {}
            }
          });
        }
        const error = connection.error as (Error & { code?: string }) | undefined;
        events.push({
          ...info,
          event: 'close',
          ...(error === undefined ? {} : { error: error.code ?? error.message }),
        });
        poke();
      },
    };
    // The first socket error, whether reading or writing met it, is reported on close.
    socket.on('error', (error: Error) => {
      connection.error ??= error;
    });
    registerConnection(key, connection);
    try {
      const name = `${local}-${info.id}`;
      const handler = scope.add(name, protocol.definition, {
        params: protocol.params(info) as never,
      });
      const recv = scope.add(`${name}-recv`, TcpSocketReader, {
        params: { connection: key, encoding: params.encoding },
      });
      const send = scope.add(`${name}-send`, TcpSocketWriter, { params: { connection: key } });
      live.set(info.id, [recv, handler, send]);
      scope.link(recv.outbox('out'), handler.inbox('in' as never));
      scope.link(handler.outbox('out' as never) as OutRef<any>, send.inbox('in'));
      protocol.wire?.(scope, handler, info);
    } catch (error) {
      // e.g. the protocol's params do not fit: the server fails with that error.
      unregisterConnection(key);
      socket.destroy();
      failure ??= error;
      poke();
      return;
    }
    events.push({ ...info, event: 'open' });
    poke();
  });

  await listen(server, params.port, params.host).catch((error: unknown) => {
    throw Errors.listen(who, hostPort(params.host, params.port), params.host, error);
  });
  const closed = new Promise<void>((resolve) => server.once('close', resolve));
  signal.addEventListener('abort', poke);
  try {
    const bound = server.address() as AddressInfo;
    await outbox.address.send({ host: bound.address, port: bound.port });
    for (;;) {
      while (events.length > 0 && !signal.aborted) await outbox.connections.send(events.shift()!);
      if (failure !== undefined) throw failure;
      if (signal.aborted) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    // Stopped: accept no more, and let the connections finish (a graceful stop ends their
    // input and lets each protocol drain; a hard stop has stopped them all).
    server.close();
    while (live.size > 0 && failure === undefined) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    if (failure !== undefined) throw failure;
  } finally {
    signal.removeEventListener('abort', poke);
    server.close();
    // What is left is flushed and half-closed, waiting for a peer to close; or the server failed.
    for (const socket of sockets) socket.destroy();
    await closed;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      server.on('error', ignore);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function ignore(): void {}
