// Build the package in the current directory: esbuild bundles src/index.ts to ESM and CJS in
// dist/, and tsc writes the declarations to dist/types. Dependencies stay external.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const platform = pkg.plexus?.platform ?? 'node';
rmSync('dist', { recursive: true, force: true });

const common = {
  entryPoints: ['src/index.ts'],
  bundle: true,
  packages: 'external',
  platform,
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  tsconfigRaw: { compilerOptions: { alwaysStrict: true, verbatimModuleSyntax: true } },
};
await build({
  ...common,
  format: 'esm',
  outfile: 'dist/index.js',
  ...(platform === 'neutral' ? { mainFields: ['module', 'main'] } : {}),
});
await build({
  ...common,
  format: 'cjs',
  outfile: 'dist/index.cjs',
  ...(platform === 'neutral' ? { mainFields: ['main', 'module'] } : {}),
});

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit' });
console.log(`built ${pkg.name}`);
