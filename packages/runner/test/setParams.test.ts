/**
 * `plexus run --set`: a param or instance the graph does not have, or a value its schema
 * refuses, is refused like the same mistake in the graph file — exit 2, one line per
 * mistake, starting with the `--set` argument that made it. Each did-you-mean is followed:
 * the suggested argument runs.
 */
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { main } from '@plexus/runner';
import { fixtures, plexus } from './support/plexus.ts';

const shout = join(fixtures, 'shout.graph.yaml');

async function refused(sets: string[]): Promise<string[]> {
  let err = '';
  const code = await main(['run', shout, ...sets.flatMap((set) => ['--set', set])], {
    out: () => {},
    err: (text) => {
      err += text.endsWith('\n') ? text : `${text}\n`;
    },
    color: false,
  });
  expect(code).toBe(2);
  return err.trimEnd().split('\n');
}

describe('plexus run --set', () => {
  it('refuses a misspelt param, at the argument, with the param meant (followed: it runs)', async () => {
    const lines = await refused(['print.prefx=>>']);
    expect(lines).toEqual([
      "plexus run: --set 'print.prefx=>>': params of component 'print' (Print): it has no param 'prefx'; did you mean 'prefix'?",
    ]);
    const meant = /did you mean '([^']+)'/.exec(lines[0]!)![1]!;
    const { code, stdout } = await plexus(['run', shout, '--set', `print.${meant}=>> `]);
    expect(code).toBe(0);
    expect(stdout).toBe('>> HELLO\n>> FLOW\n>> WORLD\n');
  }, 60_000);

  it('refuses an instance the graph does not have, with the one meant (followed: it runs)', async () => {
    const lines = await refused(['prnt.prefix=>>']);
    expect(lines).toEqual([
      "plexus run: --set 'prnt.prefix=>>': the graph has no component 'prnt'; did you mean 'print'?",
    ]);
    const meant = /did you mean '([^']+)'/.exec(lines[0]!)![1]!;
    const { code, stdout } = await plexus(['run', shout, '--set', `${meant}.prefix=>>`]);
    expect(code).toBe(0);
    expect(stdout).toBe('>>HELLO\n>>FLOW\n>>WORLD\n');
    expect(await refused(['nothing.x=1'])).toEqual([
      "plexus run: --set 'nothing.x=1': the graph has no component 'nothing'; its components are: 'words', 'shout', 'print'",
    ]);
  }, 60_000);

  it('refuses a value the params schema refuses, naming what it must be', async () => {
    expect(await refused(['words.words=5'])).toEqual([
      "plexus run: --set 'words.words=5': params of component 'words' (Words): 'words' must be an array, not a number",
    ]);
  });

  it('refuses params for a component that takes none', async () => {
    expect(await refused(['shout.loud=true'])).toEqual([
      "plexus run: --set 'shout.loud=true': params of component 'shout' (Shout): it takes no params, but was given 'loud'",
    ]);
  });

  it('reports every mistaken argument in one pass', async () => {
    expect(await refused(['print.prefx=>>', 'words.wrds=[a]', 'prnt.prefix=x'])).toEqual([
      "plexus run: --set 'print.prefx=>>': params of component 'print' (Print): it has no param 'prefx'; did you mean 'prefix'?",
      "plexus run: --set 'words.wrds=[a]': params of component 'words' (Words): it has no param 'wrds'; did you mean 'words'?",
      "plexus run: --set 'prnt.prefix=x': the graph has no component 'prnt'; did you mean 'print'?",
    ]);
  });
});
