/**
 * Idle priority in graph files: `priority: idle` on a component or on a link, as the core
 * offers it in code — what they send reaches the printer only once the busy part has no work.
 */
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { fixtures, plexus } from './support/plexus.ts';

const words = Array.from({ length: 20 }, (_, i) => `w${i + 1}`);

describe('priority in a graph file', () => {
  it('an idle component and an idle link are served after the busy words', async () => {
    const { code, stdout, stderr } = await plexus(['run', join(fixtures, 'idle.graph.yaml')]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.slice(0, 20)).toEqual(words);
    expect(new Set(lines.slice(20))).toEqual(new Set(['late', 'hush']));
  });
});
