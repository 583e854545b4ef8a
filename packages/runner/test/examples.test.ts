/**
 * The promise on every example: each example graph file, and each runnable graph among the
 * runner's fixtures, runs from the command line with --backend inline, worker and process,
 * and prints exactly the same thing each time (a sandboxed component keeping its sandbox).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { fixtures, plexus } from './support/plexus.ts';

const root = join(__dirname, '..', '..', '..');
const examples = join(root, 'examples');

/** Examples whose graphs run on other hosts (node agents over NATS): @plexus/nats tests them. */
const ELSEWHERE = new Set(['cluster']);

const graphs = [
  ...readdirSync(examples, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !ELSEWHERE.has(entry.name))
    .flatMap((entry) =>
      readdirSync(join(examples, entry.name))
        .filter((name) => name.endsWith('.graph.yaml') || name.endsWith('.graph.json'))
        .map((name) => join(examples, entry.name, name)),
    ),
  join(fixtures, 'shout.graph.yaml'),
  join(fixtures, 'placed.graph.yaml'),
].map((path) => relative(root, path));

/**
 * True when the graph file, or a graph file it uses, places a component on a backend. Without
 * a placement `plexus run <file>` runs everything inline: the same run as `--backend inline`.
 */
function placesComponents(path: string): boolean {
  const { components = {} } = parse(readFileSync(path, 'utf8')) as {
    components?: Record<string, { use?: string; backend?: string }>;
  };
  return Object.values(components).some(
    ({ use, backend }) =>
      backend !== undefined ||
      (use !== undefined &&
        /\.graph\.(yaml|json)$/.test(use) &&
        placesComponents(resolve(dirname(path), use))),
  );
}

describe('every example graph', () => {
  it('includes the examples’ graph files', () => {
    expect(graphs).toContain('examples/sieve/sieve.graph.yaml');
  });

  it('tells the graph files that place components from those that do not', () => {
    expect(graphs.filter((graph) => placesComponents(join(root, graph)))).toEqual(
      expect.arrayContaining([
        'examples/wordcount/wordcount.graph.yaml',
        'packages/runner/test/fixtures/placed.graph.yaml',
      ]),
    );
    expect(placesComponents(join(root, 'examples/sieve/sieve.graph.yaml'))).toBe(false);
    expect(placesComponents(join(fixtures, 'shout.graph.yaml'))).toBe(false);
  });

  it.each(graphs)(
    '%s prints the same with --backend inline, worker and process',
    async (graph) => {
      const path = join(root, graph);
      const [inline, worker, child, placed = inline] = await Promise.all([
        plexus(['run', path, '--backend', 'inline']),
        plexus(['run', path, '--backend', 'worker']),
        plexus(['run', path, '--backend', 'process']),
        // As the file places them (when it places nothing, that is the inline run above).
        ...(placesComponents(path) ? [plexus(['run', path])] : []),
      ]);
      for (const ran of [placed, inline, worker, child]) {
        // The only things said: a sandboxed component stays where its sandbox holds, and
        // options the backend moved to does not read are left out.
        expect(
          ran.stderr.replace(
            /^plexus: '[^']+' (stays on the \w+ backend, not on|runs on --backend \w+ without) .*\n/gm,
            '',
          ),
        ).toBe('');
        expect(ran.code).toBe(0);
      }
      expect(placed.stdout.length).toBeGreaterThan(0);
      expect(inline.stdout).toBe(placed.stdout);
      expect(worker.stdout).toBe(placed.stdout);
      expect(child.stdout).toBe(placed.stdout);
    },
    60_000,
  );
});
