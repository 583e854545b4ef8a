/**
 * bundleHost: one file that runs a host with a unit's modules, built in memory, with a map that
 * names the modules' own files; builds in flight together (two backends at once) all finish.
 * writeHostBundle: the same bundle, written by esbuild, its map beside it; lazily, the modules
 * evaluated when the host asks.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from '@jest/globals';
import { bundleHost, writeHostBundle } from '@plexus/host';

const dir = mkdtempSync(join(tmpdir(), 'plexus-bundle-host-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = (name: string) => join(__dirname, 'fixtures', name);

describe('bundleHost', () => {
  test('builds a file that calls the host with every module, by the name it was given', async () => {
    const outfile = join(dir, 'unit.mjs');
    const modules = [fixture('modules.ts'), pathToFileURL(fixture('printHost.ts')).href];
    const { code, map } = await bundleHost({
      host: fixture('printHost.ts'),
      run: 'printModules',
      modules,
      outfile,
    });
    writeFileSync(outfile, code);
    expect(execFileSync(process.execPath, [outfile], { encoding: 'utf8' })).toBe(
      'modules.ts: Plain,twinA,twinB\nprintHost.ts: printModules\n',
    );
    const sources = (JSON.parse(map) as { sources: string[] }).sources;
    expect(sources).toContain(pathToFileURL(fixture('modules.ts')).href);
  }, 30_000);

  test('builds started together all finish, however their ends interleave', async () => {
    // A small build ends first; esbuild's service must outlive it for the others in flight.
    const built = await Promise.all(
      [['printHost.ts'], ['modules.ts', 'printHost.ts'], ['printHost.ts']].map((names, i) =>
        bundleHost({
          host: fixture('printHost.ts'),
          run: 'printModules',
          modules: names.map(fixture),
          outfile: join(dir, `together-${i}.mjs`),
        }),
      ),
    );
    expect(built.map((b) => b.code.length > 0)).toEqual([true, true, true]);
    // Once none is in flight the service stops; a later build starts it again.
    const later = await bundleHost({
      host: fixture('printHost.ts'),
      run: 'printModules',
      modules: [fixture('printHost.ts')],
      outfile: join(dir, 'later.mjs'),
    });
    expect(later.code.length).toBeGreaterThan(0);
  }, 30_000);

  test('lazy: the modules are evaluated when the host asks, inside the one file', async () => {
    const outfile = join(dir, 'lazy', 'unit.mjs');
    await writeHostBundle({
      host: fixture('lazyHost.ts'),
      run: 'loadLater',
      modules: [fixture('loud.ts'), fixture('modules.ts')],
      outfile,
      lazy: true,
    });
    expect(execFileSync(process.execPath, [outfile], { encoding: 'utf8' })).toBe(
      'host ready\nloud.ts evaluated\nloud.ts: loud\nmodules.ts: Plain,twinA,twinB\n',
    );
    expect(readFileSync(outfile, 'utf8')).not.toMatch(/\bimport\(/);
  }, 30_000);

  test('written by esbuild: the bundle runs, and its map names the modules from beside it', async () => {
    const outfile = join(dir, 'written', 'unit.mjs');
    const result = await writeHostBundle({
      host: fixture('printHost.ts'),
      run: 'printModules',
      modules: [fixture('modules.ts')],
      outfile,
    });
    expect(result).toBeUndefined();
    expect(execFileSync(process.execPath, [outfile], { encoding: 'utf8' })).toBe(
      'modules.ts: Plain,twinA,twinB\n',
    );
    expect(readFileSync(outfile, 'utf8')).toContain('//# sourceMappingURL=unit.mjs.map');
    const base = pathToFileURL(`${outfile}.map`);
    const sources = (JSON.parse(readFileSync(`${outfile}.map`, 'utf8')) as { sources: string[] })
      .sources;
    const files = sources.map((source) => fileURLToPath(new URL(source, base)));
    expect(files).toContain(fixture('modules.ts'));
    expect(files).toContain(fixture('printHost.ts'));
  }, 30_000);
});
