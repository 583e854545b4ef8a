// Node module hooks that compile TypeScript with esbuild as it is imported (no pre-build).
// Registered by register-ts.mjs; used to run examples and tools straight from source.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const TS = /\.(c|m)?tsx?$/;

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !TS.test(new URL(url).pathname)) return nextLoad(url, context);
  const filename = fileURLToPath(url);
  const source = await readFile(filename, 'utf8');
  const commonjs = filename.endsWith('.cts');
  const { code } = await transform(source, {
    loader: filename.endsWith('x') ? 'tsx' : 'ts',
    format: commonjs ? 'cjs' : 'esm',
    target: 'node20',
    sourcemap: 'inline',
    sourcefile: filename,
    tsconfigRaw: { compilerOptions: { alwaysStrict: true, verbatimModuleSyntax: true } },
  });
  return { format: commonjs ? 'commonjs' : 'module', source: code, shortCircuit: true };
}
