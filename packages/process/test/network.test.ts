/**
 * Nothing listens on a network port unless a component does: links between the main thread,
 * workers and processes are MessagePorts and Unix sockets, and the control plane is the IPC
 * channel. Checked at the source of truth, the kernel's table of listening TCP sockets,
 * against every socket the runner and its child processes hold.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { afterEach, describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { liveProcesses, processBackend } from '@plexus/process';
import { collector } from '@plexus/scenarios';
import { Pass } from '@plexus/scenarios/components';
import { liveWorkers, workerBackend } from '@plexus/worker';
import { Linger } from './fixtures/components.ts';

afterEach(() => {
  expect(liveProcesses()).toBe(0);
  expect(liveWorkers()).toBe(0);
});

/** Inodes of the sockets process `pid` holds. */
function sockets(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match !== null) inodes.add(match[1]!);
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

/** Inodes of every TCP socket in the LISTEN state (IPv4 and IPv6). */
function listeningTcp(): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] === '0A') inodes.add(fields[9]!);
    }
  }
  return inodes;
}

describe('network ports', () => {
  test('a graph on the main thread, a worker and two processes listens on no TCP port', async () => {
    const g = graph();
    const pids: number[] = [];
    const sink = g.add('sink', collector(pids));
    for (const name of ['a', 'b']) {
      g.pipeline(
        g.add(name, Linger, { backend: 'process' }),
        g.add(`${name}-pass`, Pass, { backend: 'worker' }),
      );
      g.link(`${name}-pass.out`, sink.inbox('in'));
    }
    const done = g.run({ backends: [workerBackend(), processBackend()] });
    while (pids.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    const listening = listeningTcp();
    for (const pid of [process.pid, ...pids]) {
      const held = [...sockets(pid)].filter((inode) => listening.has(inode));
      expect([pid, held]).toEqual([pid, []]);
    }
    await g.stop();
    await done;
  });
});
