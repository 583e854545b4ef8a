/** The plexus command with NATS: node agents, `plexus nodes`, `plexus check --nats`, `plexus run --nats`. */
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { main } from '@plexus/runner';
import { type Started, startNatsServer, startNodeAgent, stopAll } from './natsServer.ts';

const root = resolve(__dirname, '../../..');
let server: Started;
let nodes: (Started & { dir: string })[];

/** `plexus …` in this process (as main() runs it), its output (and the console's) captured. */
async function plexus(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const cwd = process.cwd();
  process.chdir(root);
  // Components that print (PrintTop) use console.log on the main thread.
  const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    stdout += `${parts.join(' ')}\n`;
  });
  // Sinks that write to stdout (ConsoleEcho) write to process.stdout.
  const write = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: unknown, ...rest: unknown[]) => {
      stdout += String(chunk);
      const done = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      done?.();
      return true;
    });
  try {
    const code = await main(args, {
      out: (text) => {
        stdout += text.endsWith('\n') ? text : `${text}\n`;
      },
      err: (text) => {
        stderr += text.endsWith('\n') ? text : `${text}\n`;
      },
      color: false,
    });
    return { code, stdout, stderr };
  } finally {
    log.mockRestore();
    write.mockRestore();
    process.chdir(cwd);
  }
}

beforeAll(async () => {
  server = await startNatsServer();
  nodes = await Promise.all([
    startNodeAgent(server.url, 'c1', ['--labels', 'count']),
    startNodeAgent(server.url, 'c2', ['--labels', 'count,gpu']),
  ]);
}, 30_000);

afterAll(async () => {
  await stopAll();
});

describe('plexus with --nats', () => {
  test('plexus nodes lists the live node agents', async () => {
    const { code, stdout } = await plexus('nodes', '--nats', server.url);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^NAME\s+HOST\s+LABELS/);
    expect(stdout).toMatch(/\nc1\s+\S+\s+count\s/);
    expect(stdout).toMatch(/\nc2\s+\S+\s+count,gpu\s/);
  });

  test('the flagship wordcount with count on two remote nodes prints what it prints inline', async () => {
    const inline = await plexus(
      'run',
      'examples/wordcount/wordcount.graph.yaml',
      '--backend',
      'inline',
    );
    expect(inline.code).toBe(0);
    expect(inline.stdout).toMatch(/words, [\d,]+ different; the 10 most frequent/);
    const remote = await plexus(
      'run',
      'examples/cluster/wordcount.graph.yaml',
      '--nats',
      server.url,
      '--stats',
    );
    expect(remote.stdout).toBe(inline.stdout);
    // --stats names the hosts at both ends of every link: a replica's, its node's.
    const rows = remote.stderr.split('\n').filter((line) => line.includes(' -> '));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/\s\S+ -> \S+$/);
    expect(remote.stderr).toMatch(/^batch\.out -> count\S*\.in\s.*\s\S+ -> \S+$/m);
    // One replica on each node.
    for (const node of nodes) expect(node.output()).toMatch(/started 'count#\d' \(CountWords\)/);
  });

  test('plexus check --nats locates a label no node has and replicas beyond the matching nodes', async () => {
    const file = join(__dirname, 'fixtures', 'placed.graph.yaml');
    const offline = await plexus('check', file);
    expect(offline.code).toBe(0);
    const { code, stderr } = await plexus('check', file, '--nats', server.url, '--no-local-node');
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /placed\.graph\.yaml:4:\d+.*component 'gpu' \(Pass\) asks for 3 replicas on nats, but only 1 live node match \(c2\)/,
    );
    expect(stderr).toMatch(
      /placed\.graph\.yaml:5:\d+.*component 'tpu' \(Pass\) is placed on a node with labels tpu, but no live node agent matches; live nodes: 'c1' \[count\], 'c2' \[count, gpu\]/,
    );
  });

  test('with --nats the host that runs the graph is a node too: a component placed on it runs there', async () => {
    const file = join(__dirname, 'fixtures', 'here.graph.yaml');
    const flags = ['--nats', server.url, '--node-name', 'here'];
    expect((await plexus('check', file, ...flags)).code).toBe(0);
    const ran = await plexus('run', file, ...flags, '--verbose');
    expect(ran.stderr).toMatch(/plexus node here: started 'pass' \(Pass\)/);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toBe('1\n2\n3\n4\n5\n');
    // Only while the run lasts.
    const { stdout: listed } = await plexus('nodes', '--nats', server.url);
    expect(listed).not.toMatch(/^here\s/m);

    const checked = await plexus('check', file, ...flags, '--no-local-node');
    expect(checked.code).toBe(2);
    expect(checked.stderr).toMatch(
      /here\.graph\.yaml:4:\d+.*component 'pass' \(Pass\) is placed on node 'here', but no live node agent matches; live nodes: 'c1' \[count\], 'c2' \[count, gpu\]/,
    );
    const refused = await plexus('run', file, ...flags, '--no-local-node');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/No live node matches nats 'pass' \(node 'here'\)/);
    // A mistake of placement, not of code: no frame of Plexus's own follows the sentence.
    expect(refused.stderr).not.toMatch(/^\s+at /m);
  }, 30_000);

  test("a node agent already up under the name of the host's node is used, not started twice", async () => {
    const file = join(__dirname, 'fixtures', 'here.graph.yaml');
    const here = await startNodeAgent(server.url, 'here');
    try {
      const ran = await plexus('run', file, '--nats', server.url, '--node-name', 'here');
      expect(ran.code).toBe(0);
      expect(ran.stdout).toBe('1\n2\n3\n4\n5\n');
      expect(here.output()).toMatch(/started 'pass' \(Pass\)/);
    } finally {
      await here.stop();
    }
  }, 30_000);

  test("'node' without backend nats is a located mistake", async () => {
    const { code, stderr } = await plexus(
      'check',
      join(__dirname, 'fixtures', 'misplaced.graph.yaml'),
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /misplaced\.graph\.yaml:3:\d+.*has 'node', which places it on a node agent; set 'backend: nats'/,
    );
  });

  test('a durable link neither of whose ends runs on nats is a located mistake', async () => {
    const { code, stderr } = await plexus(
      'check',
      join(__dirname, 'fixtures', 'undurable.graph.yaml'),
    );
    expect(code).toBe(2);
    // The link into 'pass' (on nats) may be durable; the one between two inline ends may not.
    expect(stderr).not.toMatch(/undurable\.graph\.yaml:8:/);
    expect(stderr).toMatch(
      /undurable\.graph\.yaml:10:\d+.*link count\.out -> echo\.in is durable, but neither 'count' nor 'echo' runs on nats, so no JetStream stream would keep its messages; set 'backend: nats' on one of them or remove 'durable'/,
    );
  });
});
