/** Credentials pass through to NATS and are never printed. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { natsBackend } from '@plexus/nats';
import { main } from '@plexus/runner';
import { collector } from '@plexus/scenarios';
import * as C from '@plexus/scenarios/components';
import { type Started, startNatsServer, startNodeAgent, stopAll } from './natsServer.ts';

const TOKEN = 's3cr3t-token-7f2a';
let server: Started;
let node: Started;

beforeAll(async () => {
  server = await startNatsServer(['--auth', TOKEN]);
  node = await startNodeAgent(server.url, 'guarded', [], { PLEXUS_NATS_TOKEN: TOKEN });
}, 30_000);

afterAll(async () => {
  await stopAll();
});

describe('NATS credentials', () => {
  test('a token reaches the node agent and the units from the environment, and is never printed', async () => {
    const nats = await natsBackend({ nats: { servers: server.url, token: TOKEN } });
    try {
      const items: unknown[] = [];
      const g = graph('guarded');
      g.pipeline(
        g.add('count', C.Count, { params: { to: 1000 } }),
        g.add('pass', C.Pass, { backend: 'nats', options: { node: 'guarded' } }),
        g.add('sink', collector(items)),
      );
      await expect(g.run({ backends: [nats] })).resolves.toEqual({ status: 'completed' });
      expect(items).toHaveLength(1000);
    } finally {
      await nats.close();
    }
    expect(node.output()).toMatch(/started 'pass' \(Pass\)/);
    expect(node.output()).not.toContain(TOKEN);
  });

  test('a wrong token is refused with the server named, and neither token printed', async () => {
    let said = '';
    const output = {
      out: (text: string) => {
        said += text;
      },
      err: (text: string) => {
        said += text;
      },
      color: false,
    };
    process.env.PLEXUS_NATS_TOKEN = 'wrong-token-0b9c';
    const withPassword = server.url.replace('nats://', `nats://user:${TOKEN}@`);
    try {
      expect(await main(['nodes', '--nats', withPassword], output)).toBe(1);
    } finally {
      delete process.env.PLEXUS_NATS_TOKEN;
    }
    expect(said).toMatch(/^plexus nodes: .*\(NATS: nats:\/\/127\.0\.0\.1:\d+\)/);
    expect(said).not.toContain('wrong-token-0b9c');
    expect(said).not.toContain(TOKEN);
  });
});
