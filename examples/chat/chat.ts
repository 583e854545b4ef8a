/**
 * A TCP chat server, Kamaelia's classic: the server grows one `ChatClient` composite per
 * connection, and the clients never link to each other — each publishes what its user says on
 * a backplane and subscribes to everything said there.
 *
 * ```
 * per connection (ChatClient):
 *   socket ──> lines ──> speak ──> publish ═╗
 *   socket <── listen <── subscribe <═══════╣ backplane 'chat'
 * the server:                               ║ (kept open by a Backplane component)
 *   log (SubscribeTo) <═════════════════════╝ ──> transcript ──> print
 * ```
 */

import {
  Backplane,
  ConsoleEcho,
  map,
  PublishTo,
  SplitLines,
  SubscribeTo,
  tcpServer,
} from '@plexus/components';
import {
  box,
  defineComponent,
  defineGraph,
  type Graph,
  graph,
  type Placement,
  z,
} from '@plexus/core';

/** What goes on the backplane: a user joined, said something, or left. */
export const ChatEvent = z.object({
  kind: z.enum(['join', 'say', 'leave']),
  session: z.string().describe('Which connection: its composite instance, e.g. server-3.'),
  name: z.string().describe("The user's name ('' before they gave one)."),
  text: z.string(),
});
export type ChatEvent = z.infer<typeof ChatEvent>;

/** The session a component inside a ChatClient belongs to: its composite's instance name
 * ('' for one added on its own, as in tests). */
function sessionOf(instance: string): string {
  const slash = instance.lastIndexOf('/');
  return slash < 0 ? '' : instance.slice(0, slash);
}

/**
 * Turns what one user types into chat events: the first line is their name (a join), every
 * other non-blank line is said, and when they disconnect they leave.
 */
export const Speaker = defineComponent({
  name: 'Speaker',
  description:
    "Turns a user's lines into chat events: the first names them (join), the rest are said, and the end of input is a leave.",
  inboxes: { in: box(z.string(), 'Lines the user typed.') },
  outboxes: { out: box(ChatEvent, 'Join, say and leave events for the backplane.') },
  async body({ inbox, outbox, self }) {
    const session = sessionOf(self.name);
    let name = '';
    for await (const line of inbox.in) {
      const text = line.trim();
      if (text === '') continue;
      if (name === '') {
        name = text.slice(0, 24);
        await outbox.out.send({ kind: 'join', session, name, text: '' });
      } else await outbox.out.send({ kind: 'say', session, name, text });
    }
    // Always leave, even without a name: this session's listener is waiting to see it.
    await outbox.out.send({ kind: 'leave', session, name, text: '' });
  },
});

/**
 * Tells one user what happens on the backplane. It greets them when it sees their own join
 * (so they are only welcomed once they can hear everyone), and ends when it sees their leave,
 * which closes the connection.
 */
export const Listener = defineComponent({
  name: 'Listener',
  description:
    'Writes what others say to one user; welcomes them when it sees their join, and ends at their leave.',
  inboxes: { in: box(ChatEvent, 'Everything said on the backplane.') },
  outboxes: { out: box(z.string(), 'Text for the user.') },
  async body({ inbox, outbox, self }) {
    const session = sessionOf(self.name);
    await outbox.out.send("Welcome to the chat. What's your name?\n");
    for await (const event of inbox.in) {
      if (event.session === session) {
        if (event.kind === 'leave') return;
        if (event.kind === 'join') {
          await outbox.out.send(
            `Hello, ${event.name}! Type to talk; end the connection to leave.\n`,
          );
        }
      } else if (event.name !== '') await outbox.out.send(`${describe(event)}\n`);
    }
  },
});

/** An event as a line of the chat: `<alice> hi`, `* bob joined`. */
export function describe(event: ChatEvent): string {
  if (event.kind === 'say') return `<${event.name}> ${event.text}`;
  return `* ${event.name} ${event.kind === 'join' ? 'joined' : 'left'}`;
}

/** One connection: the protocol the server adds for each client. */
export const ChatClient = defineGraph({
  name: 'ChatClient',
  description: 'One chat connection: publishes what its user says and tells them what others say.',
  inboxes: { in: box(z.union([z.string(), z.instanceof(Uint8Array)]), 'What the client sends.') },
  outboxes: { out: box(z.string(), 'What the client is told.') },
  params: z.object({ backplane: z.string().default('chat') }),
  build(g, { backplane }) {
    const lines = g.add('lines', SplitLines);
    const speak = g.add('speak', Speaker);
    const publish = g.add('publish', PublishTo, { params: { backplane } });
    const subscribe = g.add('subscribe', SubscribeTo, { params: { backplane } });
    const listen = g.add('listen', Listener);
    g.link(g.inbox('in'), lines.inbox('in'));
    g.link(lines.outbox('out'), speak.inbox('in'));
    g.link(speak.outbox('out'), publish.inbox('in'));
    g.link(subscribe.outbox('out'), listen.inbox('in'));
    g.link(listen.outbox('out'), g.outbox('out'));
  },
});

/** The server's transcript of the chat, one line per event. */
export const Transcript = map((event: ChatEvent) => `chat: ${describe(event)}`, {
  name: 'Transcript',
  description: 'Formats chat events as transcript lines.',
  in: ChatEvent,
  out: z.string(),
});

/** Says where the server listens. */
export const Announce = map(
  ({ host, port }: { host: string; port: number }) =>
    `chat: listening on ${host}:${port} (try: nc ${host} ${port})`,
  { name: 'Announce', description: 'Says where the server listens.', out: z.string() },
);

/**
 * The server: a TcpServer that adds a ChatClient per connection. Made by the `tcpServer`
 * factory and exported from this module, so it runs wherever it is placed — inline, in a
 * worker or in a child process — with its protocol bundled alongside it.
 */
export const ChatServer = tcpServer({ protocol: ChatClient, name: 'ChatServer', encoding: 'utf8' });

/** Options of {@link chatServer}. */
export interface ChatServerOptions {
  /** Port to listen on; 0 (the default) picks a free one, which the server prints. */
  readonly port?: number;
  readonly host?: string;
  /** Where the whole server runs: all of it in one place, since backplanes are per thread. */
  readonly backend?: Placement['backend'];
}

/**
 * The chat server: a Backplane, a TcpServer growing a ChatClient per connection, and a
 * transcript printed to stdout. It runs until stopped; a graceful stop closes the listener,
 * and each connection once its client leaves.
 */
export function chatServer(options: ChatServerOptions = {}): Graph {
  const backplane = 'chat'; // ChatClient's default
  const placement: Placement = { backend: options.backend ?? 'inline', group: 'chat' };
  const g = graph('chat');
  g.add('hold', Backplane, { params: { backplane }, ...placement });
  const server = g.add('server', ChatServer, {
    params: { port: options.port ?? 0, host: options.host ?? '127.0.0.1' },
    ...placement,
  });
  const log = g.add('log', SubscribeTo, { params: { backplane }, ...placement });
  const transcript = g.add('transcript', Transcript, placement);
  const announce = g.add('announce', Announce, placement);
  const print = g.add('print', ConsoleEcho, placement);
  g.link(server.outbox('address'), announce.inbox('in'));
  g.link(log.outbox('out'), transcript.inbox('in'));
  g.link(announce.outbox('out'), print.inbox('in'));
  g.link(transcript.outbox('out'), print.inbox('in'));
  return g;
}
