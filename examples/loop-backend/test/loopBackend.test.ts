/**
 * The backend that docs/backends/writing-a-backend.md quotes runs graphs: its units take part
 * in links both ways, their events reach the graph, a failure inside one fails the run, and
 * every MessagePort it was given is closed when the run ends.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { box, type ComponentDefinition, defineComponent, graph, z } from '@plexus/core';
import { loopBackend } from '../loopBackend.ts';

const Numbers = defineComponent({
  name: 'Numbers',
  description: 'Sends 1 to 5.',
  inboxes: {},
  outboxes: { out: box(z.number(), 'The numbers.') },
  async body({ outbox }) {
    for (let n = 1; n <= 5; n++) await outbox.out.send(n);
  },
});

const Double = defineComponent({
  name: 'Double',
  description: 'Doubles each number; throws on 4 when told to.',
  params: z.object({ failOn: z.number().optional() }),
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: { out: box(z.number(), 'Each doubled.') },
  async body({ inbox, outbox, params }) {
    for await (const n of inbox.in) {
      if (n === params.failOn) throw new Error(`refused ${n}`);
      await outbox.out.send(n * 2);
    }
  },
});

function collect(seen: number[]) {
  return defineComponent({
    name: 'Collect',
    description: 'Keeps what it receives.',
    inboxes: { in: box(z.number(), 'Numbers.') },
    outboxes: {},
    async body({ inbox }) {
      for await (const n of inbox.in) seen.push(n);
    },
  });
}

const byType: Record<string, ComponentDefinition<any, any, any>> = { Numbers, Double };
const backend = () => loopBackend((component) => byType[component.type]!);

describe('the loop backend of writing-a-backend.md', () => {
  test('runs a component placed on it, linked both ways, with its events reported', async () => {
    const seen: number[] = [];
    const g = graph('loop');
    const ended: string[] = [];
    g.on('component:end', (info) => ended.push(`${info.name}@${info.backend}`));
    g.pipeline(
      g.add('numbers', Numbers),
      g.add('double', Double, { backend: 'loop', params: {} }),
      g.add('collect', collect(seen)),
    );
    await expect(g.run({ backends: [backend()] })).resolves.toEqual({ status: 'completed' });
    expect(seen).toEqual([2, 4, 6, 8, 10]);
    expect(ended).toContain('double@loop');
  });

  test('a component that throws in a unit fails the run with its error', async () => {
    const g = graph('loop-fails');
    g.pipeline(
      g.add('numbers', Numbers),
      g.add('double', Double, { backend: 'loop', params: { failOn: 4 } }),
      g.add('collect', collect([])),
    );
    await expect(g.run({ backends: [backend()] })).rejects.toThrow('refused 4');
  });

  test('the guide quotes this backend exactly', () => {
    const guide = readFileSync(
      resolve(__dirname, '../../../docs/backends/writing-a-backend.md'),
      'utf8',
    );
    const code = readFileSync(resolve(__dirname, '../loopBackend.ts'), 'utf8');
    expect(guide).toContain(`\`\`\`ts no-run\n${code}\`\`\``);
  });
});
