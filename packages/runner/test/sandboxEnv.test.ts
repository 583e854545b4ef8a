/**
 * A graph file's sandboxed process sees only the variables of the runner's environment its
 * `permissions.env` lists, and those its `env` sets.
 */
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { fixtures, plexus } from './support/plexus.ts';

describe('permissions.env in a graph file', () => {
  it('passes the listed variables and no others', async () => {
    const { code, stdout } = await plexus(['run', join(fixtures, 'sandbox-env.graph.yaml')], {
      PLEXUS_SHOWN: 'shown',
      PLEXUS_HIDDEN: 'hidden',
    });
    expect(stdout).toBe('PLEXUS_SHOWN=shown\nPLEXUS_HIDDEN unset\nPLEXUS_ADDED=added\n');
    expect(code).toBe(0);
  }, 30_000);
});
