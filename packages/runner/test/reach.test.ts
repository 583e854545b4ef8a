/**
 * What a graph file may reach, and YAML that cannot be expanded: each fails to load with a
 * diagnostic at its place that names the problem and says the fix.
 */
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { loadGraph } from '@plexus/runner';

const fixture = (name: string) => join(__dirname, 'fixtures', 'reach', name);
const root = join(__dirname, '..', '..', '..');

describe('what a graph file may reach', () => {
  test.each([
    ['outside-project.graph.yaml', '../../../../../../../../etc/words.ts', 18],
    ['absolute.graph.yaml', '/etc/words.ts', 18],
  ])(
    '%s: a module outside the project is refused before it is imported',
    async (file, specifier, column) => {
      const { graph, diagnostics } = await loadGraph(fixture(file));
      expect(graph).toBeUndefined();
      expect(diagnostics).toEqual([
        {
          file: fixture(file),
          line: 3,
          column,
          message: `component 'words': ${specifier} is outside this graph file's project (${root}), and a graph file uses files by path only inside its project; move the module into the project, or install it as a package and use it by package name`,
        },
      ]);
    },
  );

  test('an alias that was never anchored is a located YAML problem, not a crash', async () => {
    const { diagnostics } = await loadGraph(fixture('alias.graph.yaml'));
    expect(diagnostics).toEqual([
      expect.objectContaining({
        line: 3,
        column: 10,
        message: expect.stringMatching(/^the file is not valid YAML or JSON: .*alias.*nowhere/i),
      }),
    ]);
  });
});
