/**
 * `plexus draw`: every component (composites flattened, named by path) and every link is in
 * the picture — .dot, .mmd and .svg — with each component's backend shown by its colour.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { main } from '@plexus/runner';
import { fixtures } from './support/plexus.ts';

const dir = mkdtempSync(join(tmpdir(), 'plexus-draw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const quiet = { out: () => {}, err: () => {}, color: false };

async function draw(file: string, graphFile = 'placed.graph.yaml'): Promise<string> {
  const path = join(dir, file);
  expect(await main(['draw', join(fixtures, graphFile), '-o', path], quiet)).toBe(0);
  return readFileSync(path, 'utf8');
}

// The graph as built: loud is a composite of first and second, placed in a worker.
const nodes = {
  n_words: 'inline',
  n_loud_first: 'worker',
  n_loud_second: 'worker',
  n_print: 'process',
};
const edges = [
  ['n_words', 'n_loud_first'],
  ['n_loud_first', 'n_loud_second'],
  ['n_loud_second', 'n_print'],
];
const colour = { inline: '#dbeafe', worker: '#dcfce7', process: '#fee2e2', nats: '#fef3c7' };

describe('plexus draw', () => {
  it('writes Graphviz .dot with every node, coloured by backend, and every edge', async () => {
    const dot = await draw('g.dot');
    expect(dot).toMatch(/^digraph "placed" \{/);
    for (const [id, backend] of Object.entries(nodes)) {
      expect(dot).toMatch(
        new RegExp(
          `^\\s+${id} \\[label="[^"]*\\(${backend}\\)", fillcolor="${colour[backend as keyof typeof colour]}"\\];$`,
          'm',
        ),
      );
    }
    const drawn = [...dot.matchAll(/^\s+(n_\w+) -> (n_\w+)/gm)].map((m) => [m[1], m[2]]);
    expect(drawn.sort()).toEqual([...edges].sort());
  });

  it('colours a component on a node agent as the inspector does, not as an unknown backend', async () => {
    const dot = await draw('remote.dot', 'remote.graph.yaml');
    expect(dot).toMatch(/^\s+n_pass \[label="[^"]*\(nats\)", fillcolor="#fef3c7"\];$/m);
    // The legend names nats only where something runs there.
    expect(dot).toMatch(/^\s+legend_nats \[/m);
    expect(await draw('local.dot')).not.toMatch(/legend_nats/);
    expect(await draw('local.mmd')).not.toMatch(/classDef nats/);
    const mmd = await draw('remote.mmd', 'remote.graph.yaml');
    expect(mmd).toMatch(/^\s+n_pass\[".*"\]:::nats$/m);
    expect(mmd).toContain('classDef nats fill:#fef3c7');
  });

  it('writes Mermaid .mmd with the same nodes and edges', async () => {
    const mmd = await draw('g.mmd');
    expect(mmd.split('\n')[0]).toBe('flowchart LR');
    for (const [id, backend] of Object.entries(nodes))
      expect(mmd).toMatch(new RegExp(`^\\s+${id}\\[".*"\\]:::${backend}$`, 'm'));
    const drawn = [...mmd.matchAll(/^\s+(n_\w+) -->\|[^|]*\| (n_\w+)$/gm)].map((m) => [m[1], m[2]]);
    expect(drawn.sort()).toEqual([...edges].sort());
  });

  it('writes SVG through Graphviz compiled to WebAssembly, with the same nodes and edges', async () => {
    const svg = await draw('g.svg');
    expect(svg).toContain('<svg');
    const titles = [
      ...svg.matchAll(/<g id="[^"]+" class="(node|edge)">\s*<title>([^<]+)<\/title>/g),
    ];
    const svgNodes = titles.filter((t) => t[1] === 'node').map((t) => t[2]);
    for (const id of Object.keys(nodes)) expect(svgNodes).toContain(id);
    const svgEdges = titles
      .filter((t) => t[1] === 'edge')
      .map((t) => t[2]!.replace('&#45;&gt;', '->').split('->'));
    for (const edge of edges) expect(svgEdges).toContainEqual(edge);
  });

  it("shows each component's group and replicas, and passes a composite's on to its parts", async () => {
    // Each node's label, its lines joined by ' | ' (DOT's \n, Mermaid's <br/> and <small>).
    const labels = (text: string, pattern: RegExp): Record<string, string> =>
      Object.fromEntries(
        [...text.matchAll(pattern)].map((m) => [
          m[1],
          m[2]!.replace(/\\n|<br\/>/g, ' | ').replace(/<\/?small>/g, ''),
        ]),
      );
    const dot = labels(
      await draw('grouped.dot', 'grouped.graph.yaml'),
      /^\s+(n_\w+) \[label="([^"]*)"/gm,
    );
    const mmd = labels(
      await draw('grouped.mmd', 'grouped.graph.yaml'),
      /^\s+(n_\w+)\["([^"]*)"\]/gm,
    );
    const want = {
      n_words: 'words | Words (inline)',
      n_first: 'first | Shout · group shouting (worker)',
      n_second: 'second | Shout · group shouting (worker)',
      n_print: 'print ×3 | Print (worker)',
      n_loud_first: 'first | Shout · group loud (process)',
      n_loud_second: 'second | Shout · group loud (process)',
    };
    expect(dot).toEqual(want);
    expect(mmd).toEqual(want);
  });

  it('refuses a file name it cannot draw to, saying which endings it can', async () => {
    let err = '';
    const code = await main(
      ['draw', join(fixtures, 'placed.graph.yaml'), '-o', join(dir, 'g.png')],
      {
        ...quiet,
        err: (text) => {
          err += text;
        },
      },
    );
    expect(code).toBe(2);
    expect(err).toContain('end the file name in .svg, .mmd, .dot');
  });
});
