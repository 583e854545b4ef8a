/** createProject writes a project a user can run, test and edit; the docs quote it exactly. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createProject } from 'create-plexus';

const work = mkdtempSync(join(tmpdir(), 'plexus-create-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const template = resolve(__dirname, '../template');
const ownVersion = JSON.parse(readFileSync(resolve(__dirname, '../package.json'), 'utf8')).version;

describe('createProject', () => {
  it('depends on the Plexus packages of its own version, and on zod and TypeScript', () => {
    const dir = join(work, 'My Flow');
    expect(createProject({ dir })).toBe('my-flow');
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.dependencies).toEqual({
      '@plexus/components': `^${ownVersion}`,
      '@plexus/core': `^${ownVersion}`,
      '@plexus/host': `^${ownVersion}`,
      '@plexus/runner': `^${ownVersion}`,
      zod: '^4.0.0',
    });
    expect(Object.keys(pkg.devDependencies)).toEqual(['@types/node', 'typescript']);
    expect(pkg.scripts.start).toBe('plexus run flow.graph.yaml');
    expect(pkg.overrides).toBeUndefined();
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toContain('node_modules/');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/^# my-flow\n/);
  });

  it('depends on packed tarballs, for itself and the runner, when given a folder of them', () => {
    const packs = join(work, 'packs');
    mkdirSync(packs);
    for (const name of ['core', 'host', 'worker', 'process', 'runner', 'components']) {
      writeFileSync(join(packs, `plexus-${name}-${ownVersion}.tgz`), '');
    }
    createProject({ dir: join(work, 'offline'), packages: packs });
    const pkg = JSON.parse(readFileSync(join(work, 'offline', 'package.json'), 'utf8'));
    const core = `file:${join(packs, `plexus-core-${ownVersion}.tgz`)}`;
    expect(pkg.dependencies['@plexus/core']).toBe(core);
    expect(pkg.overrides['@plexus/core']).toBe(core);
    expect(Object.keys(pkg.overrides)).toHaveLength(6);
  });

  it('refuses a folder that is not empty, and a tarball folder without Plexus in it', () => {
    const full = join(work, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'keep.txt'), 'mine');
    expect(() => createProject({ dir: full })).toThrow(
      /full already exists and is not empty; name a new folder/,
    );
    const empty = join(work, 'no-packs');
    mkdirSync(empty);
    expect(() => createProject({ dir: join(work, 'x'), packages: empty })).toThrow(
      /has no tarball of @plexus\/components, @plexus\/core/,
    );
  });

  it('is what Getting started quotes: the component, the graph file and the test', () => {
    const page = readFileSync(resolve(__dirname, '../../../docs/getting-started.md'), 'utf8');
    // A block may name its file after the language (`ts file=src/shout.ts`), for the docs check.
    for (const [file, fence] of [
      ['src/shout.ts', /```ts(?: file=src\/shout\.ts)?\n/],
      ['flow.graph.yaml', /```yaml(?: file=flow\.graph\.yaml)?\n/],
    ] as const) {
      const block = page
        .split(fence)
        .slice(1)
        .map((rest) => rest.split('```')[0]);
      expect(block).toContain(readFileSync(join(template, file), 'utf8'));
    }
    const test = readFileSync(join(template, 'test/shout.test.ts'), 'utf8');
    expect(page).toContain(test.slice(0, test.indexOf("\ntest('Shout ends")));
  });
});
