/**
 * A run that loses part of itself never reads as success: a worker thread that exits fails
 * `plexus run` with its sentence and exit code 1, and a component module that calls
 * process.exit while it is being imported is reported — which module, and where — by `plexus
 * check` and `plexus run` alike, instead of ending them with its exit code and not a word.
 */
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { fixtures, plexus } from './support/plexus.ts';

describe('plexus run, when a worker thread dies', () => {
  it('exits 1 saying which thread died, what it was running and how', async () => {
    const { code, stderr } = await plexus(['run', join(fixtures, 'worker-exits.graph.yaml')]);
    expect(stderr).toMatch(
      /^plexus: The worker thread \d+ running 'unit' \(ExitAt\) exited with code 3 before its components had finished\.$/m,
    );
    expect(code).toBe(1);
  }, 30_000);
});

describe('a component module that calls process.exit while it is imported', () => {
  const graph = join(fixtures, 'exits-on-import.graph.yaml');
  const module = join(fixtures, 'exits-on-import.ts');
  const said = `component 'never': importing ./exits-on-import.ts failed: it called process.exit(5) while being imported, at ${module}:4:`;

  it.each([['check'], ['run']])(
    'is reported by plexus %s, naming the module and the line',
    async (command) => {
      const { code, stderr } = await plexus([command, graph]);
      expect(stderr).toMatch(/exits-on-import\.graph\.yaml:3:\d+: /);
      expect(stderr).toContain(said);
      expect(stderr).toContain('move that call into a function that runs later');
      expect(code).toBe(2);
    },
    30_000,
  );
});
