/**
 * Restart policies in graph files: `supervise` on a component entry, and on the whole file.
 */
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { finished, fixtures, start } from './support/plexus.ts';

const run = (...args: string[]) => finished(start(['run', ...args]));

describe('supervise in graph files', () => {
  test.each([['inline'], ['worker'], ['process']])(
    "a component with 'supervise' is restarted where it runs (%s), and the run completes",
    async (backend) => {
      const ran = await run(join(fixtures, 'supervised.graph.yaml'), '--backend', backend);
      expect(ran.stdout).toBe('one\ntwo\n');
      expect(ran.code).toBe(0);
      // The crash it survived is reported, once, with the line that threw.
      expect(ran.stderr).toMatch(
        /^plexus: Component 'fragile' \(Fragile, [^)]+\) failed: Error: Fragile met the word boom\. \(the last message it received, on inbox 'in', was "boom"\)\. Its supervisor restarts 'fragile' \(restart 1\)\.\n {4}at .*parts\.ts:\d+:\d+\)?\n$/,
      );
    },
    30_000,
  );

  test("a graph's own 'supervise' covers its components; past maxRestarts the run fails, saying why", async () => {
    const ran = await run(join(fixtures, 'supervised-graph.graph.yaml'));
    expect(ran.stdout).toBe('one\n');
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(
      "plexus: Component 'fragile' (Fragile, inline) failed: Error: Fragile met the word boom. (the last message it received, on inbox 'in', was \"boom\"). It crashed more often than the restart policy of graph 'supervised-graph' allows (2 restarts within 5000 ms), so its supervisor gave up and the graph fails.",
    );
  }, 30_000);
});
