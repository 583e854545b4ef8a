/**
 * A run that did not finish its work never looks like success from `plexus run`, on any
 * backend: a deadlock is reported and exits 1, and after a failure nothing downstream prints a
 * final result.
 */
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { fixtures, plexus } from './support/plexus.ts';

const backends = ['inline', 'worker', 'process'];

describe('plexus run, when the run cannot finish its work', () => {
  it.each(backends)('on %s, a deadlocked cycle is reported and exits 1', async (backend) => {
    const { code, stdout, stderr } = await plexus([
      'run',
      join(fixtures, 'cycle.graph.yaml'),
      '--backend',
      backend,
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^plexus: Graph 'cycle' is deadlocked: for 1000 ms every running component has been waiting on one of its boxes and no message has moved\. 'a' (\(Echo\) )?waits on inbox 'in'/,
    );
    expect(stderr).toMatch(/'b' (\(Echo\) )?waits on inbox 'in'/);
  });

  it.each(backends)(
    'on %s, after a failure the component downstream prints no total: stdout stays empty',
    async (backend) => {
      const { code, stdout, stderr } = await plexus([
        'run',
        join(fixtures, 'fails-midway.graph.yaml'),
        '--backend',
        backend,
      ]);
      expect(code).toBe(1);
      expect(stderr).toContain('Fragile met the word boom.');
      expect(stdout).toBe('');
    },
  );
});
