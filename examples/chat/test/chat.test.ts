import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { collectInto } from '@plexus/components';
import { runComponent } from '@plexus/core';
import { plexusNodeArgs } from '../../../scripts/testing/plexusNodeArgs.ts';
import { type ChatEvent, chatServer, Listener, Speaker } from '../chat.ts';
import { type Client, converse, SEEN, TRANSCRIPT } from './clients.ts';

const root = resolve(__dirname, '../../..');
const clients: Client[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((done) => child.once('exit', done));
    }
  }
});

describe('the chat components', () => {
  test('Speaker: the first line names the user, the rest are said, the end leaves', async () => {
    const { out } = await runComponent(Speaker, { in: ['  ', 'alice', 'hi', '', 'bye'] });
    const session = (out as ChatEvent[])[0]!.session;
    expect(out).toEqual([
      { kind: 'join', session, name: 'alice', text: '' },
      { kind: 'say', session, name: 'alice', text: 'hi' },
      { kind: 'say', session, name: 'alice', text: 'bye' },
      { kind: 'leave', session, name: 'alice', text: '' },
    ]);
  });

  test('Listener: welcomes at its own join, relays others, ends at its own leave', async () => {
    // Outside a composite, a Listener's own session is ''.
    const own = { session: '', name: 'me', text: '' };
    const { out } = await runComponent(Listener, {
      in: [
        { kind: 'say', session: 's2', name: 'bob', text: 'early' },
        { kind: 'join', ...own },
        { kind: 'join', session: 's3', name: '', text: '' },
        { kind: 'say', session: 's2', name: 'bob', text: 'hi' },
        { kind: 'leave', ...own },
        { kind: 'say', session: 's2', name: 'bob', text: 'too late' },
      ] as ChatEvent[],
    });
    expect(out).toEqual([
      "Welcome to the chat. What's your name?\n",
      '<bob> early\n',
      'Hello, me! Type to talk; end the connection to leave.\n',
      '<bob> hi\n',
    ]);
  });
});

describe('the chat server', () => {
  test('three clients see each other’s messages; the server keeps a transcript', async () => {
    const g = chatServer();
    const address: { port: number }[] = [];
    const printed: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      printed.push(
        ...chunk
          .toString()
          .split('\n')
          .filter((l) => l !== ''),
      );
      (rest.find((arg) => typeof arg === 'function') as (() => void) | undefined)?.();
      return true;
    }) as typeof process.stdout.write;
    try {
      g.link('server.address', g.add('where', collectInto(address)).inbox('in'));
      const running = g.run();
      while (address.length === 0) await new Promise((done) => setTimeout(done, 10));
      const seen = await converse(address[0]!.port, clients);
      expect(seen).toEqual(SEEN);
      await g.stop({ graceful: true });
      expect(await running).toEqual({ status: 'stopped' });
    } finally {
      process.stdout.write = write;
    }
    expect(printed[0]).toMatch(
      /^chat: listening on 127\.0\.0\.1:\d+ \(try: nc 127\.0\.0\.1 \d+\)$/,
    );
    expect(printed.slice(1)).toEqual(TRANSCRIPT);
  });

  test.each(['inline', 'worker', 'process'])(
    'main.ts --backend %s: the same conversation, and Ctrl-C stops it',
    async (backend) => {
      const child = spawn(
        process.execPath,
        [
          ...plexusNodeArgs('./scripts/register-ts.mjs'),
          'examples/chat/main.ts',
          '--backend',
          backend,
        ],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      children.push(child);
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      const start = Date.now();
      let port: number | undefined;
      while (port === undefined && Date.now() - start < 40_000 && child.exitCode === null) {
        port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(stdout)?.[1]) || undefined;
        await new Promise((done) => setTimeout(done, 20));
      }
      expect(stderr).toBe('');
      expect(port).toBeDefined();
      expect(await converse(port!, clients)).toEqual(SEEN);
      // The transcript reaches stdout a moment after the clients see the last leave.
      while (!stdout.includes('chat: * alice left') && Date.now() - start < 50_000) {
        await new Promise((done) => setTimeout(done, 20));
      }
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(stderr).toBe('');
      expect(stdout.split('\n').slice(1)).toEqual([...TRANSCRIPT, 'chat: stopped', '']);
    },
    // Generous: on a loaded machine, starting Node, a worker or a child takes seconds.
    60_000,
  );
});
