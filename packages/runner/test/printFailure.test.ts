/**
 * What `plexus run` prints when a run fails: the sentence, then the user's frames only, ending
 * at the line of their component, on every backend; `--verbose` adds Plexus's own frames.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { fixtures, plexus } from './support/plexus.ts';

const impatient = join(fixtures, 'impatient.graph.yaml');
const mistakes = join(fixtures, 'mistakes.ts');

/** `mistakes.ts:<line>:<column>` of `text`, read from the fixture as it is now. */
function frameOf(text: string): string {
  const lines = readFileSync(mistakes, 'utf8').split('\n');
  const line = lines.findIndex((each) => each.includes(text));
  return `${mistakes}:${line + 1}:${lines[line]!.indexOf(text) + 1}`;
}

const frames = (stderr: string) => stderr.split('\n').filter((line) => /^\s+at /.test(line));

describe('plexus run, when a component fails', () => {
  it.each(['inline', 'worker', 'process'])(
    'on %s, the error ends at the line in the component, with no frame of Plexus or Node',
    async (backend) => {
      const { code, stderr } = await plexus(['run', impatient, '--backend', backend]);
      expect(code).toBe(1);
      expect(stderr).toMatch(
        /^plexus: Component 'impatient' \(Impatient, (inline|worker thread \d+|process \d+)\) called recv\(\) on inbox 'in' while it was empty\./,
      );
      expect(frames(stderr)).toEqual([`    at Object.body (${frameOf('recv()); //')})`]);
    },
  );

  it('--verbose prints every frame, Plexus’s own included, and the cause', async () => {
    const { code, stderr } = await plexus(['run', impatient, '--verbose']);
    expect(code).toBe(1);
    const all = frames(stderr);
    expect(all).toContain(`    at Object.body (${frameOf('recv()); //')})`);
    expect(all.some((line) => /[\\/]core[\\/]src[\\/]errors\.ts:\d+:\d+\)$/.test(line))).toBe(true);
    expect(all.some((line) => /[\\/]internal[\\/]InboxImpl\.ts:\d+:\d+\)$/.test(line))).toBe(true);
    expect(stderr).toContain("cause: PlexusError: Component 'impatient' (Impatient) called recv()");
  });
});
