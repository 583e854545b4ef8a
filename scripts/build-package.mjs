// Build the package in the current directory: esbuild bundles each entry (package.json
// "plexus.entries", default { index: "src/index.ts" }) to ESM (with shared chunks) and CJS in
// dist/, and tsc writes the declarations to dist/types. Dependencies stay external.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const platform = pkg.plexus?.platform ?? 'node';
const entries = pkg.plexus?.entries ?? { index: 'src/index.ts' };
rmSync('dist', { recursive: true, force: true });

const common = {
  entryPoints: entries,
  bundle: true,
  packages: 'external',
  platform,
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  tsconfigRaw: { compilerOptions: { alwaysStrict: true, verbatimModuleSyntax: true } },
  ...(platform === 'neutral' ? { mainFields: ['module', 'main'] } : {}),
};
await build({
  ...common,
  format: 'esm',
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
// CommonJS has no import.meta; code that needs its own location checks __dirname first.
await build({
  ...common,
  format: 'cjs',
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  logOverride: { 'empty-import-meta': 'silent' },
});

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit' });
console.log(`built ${pkg.name}`);
