/**
 * A command loads what it uses and nothing more: `plexus run` and `plexus check` of a graph
 * that places nothing on NATS, needs no inspector and reads well do not load the NATS client,
 * the inspector, the NoFlo parser, the graph drawer or the `yaml` package (each is loaded by the
 * command or the case that needs it: half a run's start-up, from the build, was loading them).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { fixtures, plexus } from './support/plexus.ts';

const dir = mkdtempSync(join(tmpdir(), 'plexus-loaded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hook = pathToFileURL(join(__dirname, 'support', 'loadedModules.mjs')).href;

/** What loading these would look like: a path inside the package. */
const HEAVY = {
  'the NATS client': /[\\/]@nats-io[\\/]/,
  'the yaml package': /[\\/]node_modules[\\/]yaml[\\/]/,
  'the NoFlo parser': /[\\/]node_modules[\\/]fbp[\\/]/,
  'the graph drawer': /[\\/]@viz-js[\\/]/,
  'the inspector': /[\\/](inspector|@plexus[\\/]inspector)[\\/](src|dist)[\\/]/,
};

let n = 0;
/** Run `plexus …args`; the exit code and which of HEAVY it loaded. */
async function loads(args: string[]): Promise<{ code: number | null; loaded: string[] }> {
  const log = join(dir, `${++n}.log`);
  writeFileSync(log, '');
  const ran = await plexus(args, {
    PLEXUS_LOADED_LOG: log,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${hook}`,
  });
  const modules = readFileSync(log, 'utf8').split('\n');
  expect(modules.some((m) => /[\\/]runner[\\/](src|dist)[\\/]/.test(m))).toBe(true);
  const loaded = Object.entries(HEAVY)
    .filter(([, where]) => modules.some((m) => where.test(m)))
    .map(([what]) => what);
  return { code: ran.code, loaded };
}

describe('a plexus command loads only what it uses', () => {
  it('plexus run of an inline graph loads none of them', async () => {
    await expect(loads(['run', join(fixtures, 'shout.graph.yaml')])).resolves.toEqual({
      code: 0,
      loaded: [],
    });
  }, 30_000);

  it('plexus check of a graph that reads well loads none of them', async () => {
    await expect(loads(['check', join(fixtures, 'placed.graph.yaml')])).resolves.toEqual({
      code: 0,
      loaded: [],
    });
  }, 30_000);

  it('the cases that need one load it: a YAML syntax error, a NoFlo graph to convert', async () => {
    const bad = join(dir, 'bad.graph.yaml');
    writeFileSync(bad, 'description: x\ncomponents:\n  a: { use: [ }\n');
    await expect(loads(['check', bad])).resolves.toEqual({
      code: 2,
      loaded: ['the yaml package'],
    });
    const fbp = join(dir, 'hello.fbp');
    writeFileSync(fbp, "'hello' -> IN Out(core/Output)\n");
    const converted = await loads(['convert', fbp]);
    expect(converted.code).toBe(0);
    expect(converted.loaded).toContain('the NoFlo parser');
  }, 30_000);
});
