// Build the package in the current directory, as it is published:
// - esbuild bundles each entry (package.json "plexus.entries", default { index: "src/index.ts" })
//   to ESM in dist/, with shared chunks, so every module exists once;
// - each entry gets a CommonJS entry point, dist/<entry>.cjs, that require()s the ESM build
//   (Node >= 20.19 loads ES modules from require). A CommonJS user and an ESM user therefore
//   share one copy of every module — no dual-package hazard: one `graph`, one class `Link`;
// - tsc writes the declarations to dist/types; their relative imports are rewritten from the
//   sources' `.ts` to `.js` (dist/types/*.d.ts, for import) and to `.cjs` (a twin tree of
//   *.d.cts, for require), so the types resolve under every moduleResolution.
// - with "plexus": { "privateInternal": true }, src/internal/ gets no declarations at all.
// Dependencies stay external, except those "plexus": { "inline": [...] } names: private
// helpers whose objects never meet a user's own copy (Comlink, which only @plexus/host uses),
// bundled in so that a worker thread does not load them as modules of their own.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const ts = require('typescript');

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const platform = pkg.plexus?.platform ?? 'node';
const entries = pkg.plexus?.entries ?? { index: 'src/index.ts' };
const inline = pkg.plexus?.inline ?? [];
const external = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).filter(
  (name) => !inline.includes(name),
);
rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: entries,
  bundle: true,
  ...(inline.length === 0
    ? { packages: 'external' }
    : { external: [...external, ...external.map((name) => `${name}/*`)] }),
  platform,
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  tsconfigRaw: { compilerOptions: { alwaysStrict: true, verbatimModuleSyntax: true } },
  ...(platform === 'neutral' ? { mainFields: ['module', 'main'] } : {}),
  format: 'esm',
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
for (const entry of Object.keys(entries)) {
  writeFileSync(
    join('dist', `${entry}.cjs`),
    `'use strict';\n// CommonJS entry point: the ES module itself (Node >= 20.19), so both share one copy.\nmodule.exports = require('./${entry}.js');\n`,
  );
}

execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], {
  stdio: 'inherit',
});
rewriteDeclarations(join('dist', 'types'));
if (pkg.plexus?.privateInternal === true) pruneInternal(join('dist', 'types'));
console.log(`built ${pkg.name}`);

/**
 * A package that says `"plexus": { "privateInternal": true }` publishes nothing of src/internal/
 * (@plexus/core): drop its declarations, after making sure no public
 * declaration reaches them (a public type that names an internal one must move out first).
 */
function pruneInternal(types) {
  const internal = join(types, 'internal');
  if (!existsSync(internal)) return;
  const reaches = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== internal) walk(path);
      } else if (entry.name.endsWith('.d.ts')) {
        const text = readFileSync(path, 'utf8');
        const { importedFiles } = ts.preProcessFile(text, true, true);
        if (importedFiles.some(({ fileName }) => /(^|\/)internal\//.test(fileName)))
          reaches.push(path);
      }
    }
  };
  walk(types);
  if (reaches.length > 0) {
    throw new Error(
      `${pkg.name}: public declarations import from internal/: ${reaches.join(', ')}. Move the types they need out of internal/, or mark them @internal.`,
    );
  }
  rmSync(internal, { recursive: true, force: true });
}

/** `./x.ts` → `./x.js` in each .d.ts, and a .d.cts twin that says `./x.cjs`. */
function rewriteDeclarations(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) rewriteDeclarations(path);
    else if (entry.name.endsWith('.d.ts')) {
      const text = readFileSync(path, 'utf8');
      writeFileSync(path, withExtension(text, '.js'));
      writeFileSync(path.replace(/\.d\.ts$/, '.d.cts'), withExtension(text, '.cjs'));
    }
  }
}

function withExtension(text, extension) {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  let out = '';
  let at = 0;
  for (const { fileName, pos } of importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const rewritten = fileName.replace(/\.[cm]?tsx?$/, '');
    if (rewritten === fileName) {
      throw new Error(`a declaration imports '${fileName}' without a .ts extension`);
    }
    // preProcessFile's positions are near the string literal, not always on it: find it.
    const start = text.indexOf(fileName, Math.max(at, pos - 2));
    if (!/['"]/.test(text[start - 1] ?? '')) throw new Error(`cannot find '${fileName}'`);
    out += text.slice(at, start) + rewritten + extension;
    at = start + fileName.length;
  }
  return out + text.slice(at);
}
