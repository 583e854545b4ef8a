/**
 * A package named in a graph file resolves as an `import` in the graph file's folder would:
 * the ESM build of a dual package, never its CommonJS build beside it (issue 23, item 4).
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { resolvePackage } from '../src/file/resolvePackage.ts';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'plexus-resolve-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

write('app/package.json', JSON.stringify({ name: 'app', exports: { './x': './x.mjs' } }));
write('app/flows/app.graph.yaml', '');
write('app/x.mjs', '');
const dual = {
  name: 'dual',
  exports: {
    '.': { import: './esm/index.js', require: './cjs/index.cjs' },
    './extra': { require: './cjs/extra.cjs', default: './esm/extra.js' },
    './cjs-only': { require: './cjs/only.cjs' },
  },
};
write('node_modules/dual/package.json', JSON.stringify(dual));
for (const file of ['esm/index.js', 'cjs/index.cjs', 'esm/extra.js', 'cjs/extra.cjs']) {
  write(`node_modules/dual/${file}`, '');
}
write('node_modules/plain/package.json', JSON.stringify({ name: 'plain', main: 'lib/main' }));
write('node_modules/plain/lib/main.js', '');
const graph = join(root, 'app', 'flows', 'app.graph.yaml');

describe('resolvePackage', () => {
  it('takes the import condition of a dual package, not require', () => {
    expect(resolvePackage('dual', graph)).toBe(join(root, 'node_modules/dual/esm/index.js'));
  });

  it('resolves subpaths through exports with the import conditions', () => {
    expect(resolvePackage('dual/extra', graph)).toBe(join(root, 'node_modules/dual/esm/extra.js'));
  });

  it('says when the package does not export the subpath for import', () => {
    expect(() => resolvePackage('dual/cjs-only', graph)).toThrow(
      "the package 'dual' does not export './cjs-only' for import",
    );
  });

  it('resolves a package without exports by its main, as Node does', () => {
    expect(resolvePackage('plain', graph)).toBe(join(root, 'node_modules/plain/lib/main.js'));
  });

  it("resolves the graph file's own package by name", () => {
    expect(resolvePackage('app/x', graph)).toBe(join(root, 'app/x.mjs'));
  });

  it('is undefined when no such package is installed', () => {
    expect(resolvePackage('nowhere', graph)).toBeUndefined();
  });
});
