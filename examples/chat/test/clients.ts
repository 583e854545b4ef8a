/** Chat clients for the tests: real TCP connections that collect what they are told. */
import { connect, type Socket } from 'node:net';

export class Client {
  private text = '';
  private readonly waiters = new Set<() => void>();
  readonly closed: Promise<void>;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.text += chunk;
      for (const waiter of this.waiters) waiter();
    });
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => {});
  }

  static open(port: number): Promise<Client> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new Client(socket)));
      socket.once('error', reject);
    });
  }

  /** Everything received so far, as lines. */
  get lines(): string[] {
    return this.text.split('\n').filter((line) => line !== '');
  }

  say(line: string): void {
    this.socket.write(`${line}\n`);
  }

  /** Wait until a line equal to `line` has arrived (at most `ms`). */
  async see(line: string, ms = 5000): Promise<void> {
    if (this.lines.includes(line)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`never saw ${JSON.stringify(line)}; saw ${JSON.stringify(this.lines)}`));
      }, ms);
      const check = () => {
        if (!this.lines.includes(line)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  /** Leave: end our side, and wait for the server to close the connection. */
  async leave(): Promise<void> {
    this.socket.end();
    await this.closed;
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/**
 * The conversation the tests hold: three users join one after another, talk, and leave.
 * Returns what each client saw.
 */
export async function converse(
  port: number,
  opened: Client[] = [],
): Promise<Record<string, string[]>> {
  const join = async (name: string) => {
    const client = await Client.open(port);
    opened.push(client);
    await client.see("Welcome to the chat. What's your name?");
    client.say(name);
    await client.see(`Hello, ${name}! Type to talk; end the connection to leave.`);
    return client;
  };
  const alice = await join('alice');
  const bob = await join('bob');
  await alice.see('* bob joined');
  const carol = await join('carol');
  await Promise.all([alice.see('* carol joined'), bob.see('* carol joined')]);
  alice.say('hi all');
  await Promise.all([bob.see('<alice> hi all'), carol.see('<alice> hi all')]);
  bob.say('hello alice');
  await Promise.all([alice.see('<bob> hello alice'), carol.see('<bob> hello alice')]);
  carol.say('bye!');
  await Promise.all([alice.see('<carol> bye!'), bob.see('<carol> bye!')]);
  await carol.leave();
  await Promise.all([alice.see('* carol left'), bob.see('* carol left')]);
  await bob.leave();
  await alice.see('* bob left');
  await alice.leave();
  return { alice: alice.lines, bob: bob.lines, carol: carol.lines };
}

const HELLO = "Welcome to the chat. What's your name?";
const hi = (name: string) => `Hello, ${name}! Type to talk; end the connection to leave.`;

/** What each user sees in {@link converse}. */
export const SEEN = {
  alice: [
    HELLO,
    hi('alice'),
    '* bob joined',
    '* carol joined',
    '<bob> hello alice',
    '<carol> bye!',
    '* carol left',
    '* bob left',
  ],
  bob: [HELLO, hi('bob'), '* carol joined', '<alice> hi all', '<carol> bye!', '* carol left'],
  carol: [HELLO, hi('carol'), '<alice> hi all', '<bob> hello alice'],
};

/** The server's transcript of {@link converse}. */
export const TRANSCRIPT = [
  'chat: * alice joined',
  'chat: * bob joined',
  'chat: * carol joined',
  'chat: <alice> hi all',
  'chat: <bob> hello alice',
  'chat: <carol> bye!',
  'chat: * carol left',
  'chat: * bob left',
  'chat: * alice left',
];
