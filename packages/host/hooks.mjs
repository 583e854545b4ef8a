// Node module hooks that compile TypeScript with esbuild as it is imported — no pre-build,
// no ts-node or tsx. Compiled output is cached on disk by content hash, so a module compiles
// once per change, whichever thread or process imports it. Plain JavaScript: it must load
// before any TypeScript can.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// esbuild itself (~35 ms to import) loads only on a cache miss: every worker and child started
// from source gets its own hooks thread, and most of them find every module in the cache.
const { version } = createRequire(import.meta.url)('esbuild/package.json');

const TS = /\.(c|m)?tsx?$/;
const cacheDir = process.env.PLEXUS_CACHE_DIR ?? join(tmpdir(), `plexus-esbuild-${safeUser()}`);

function safeUser() {
  try {
    return userInfo().username.replace(/[^\w-]/g, '_');
  } catch {
    return 'user';
  }
}

/** Compile one TypeScript module to JavaScript (ESM, or CJS for .cts), through the cache. */
export async function compile(filename, source) {
  const commonjs = filename.endsWith('.cts');
  const key = createHash('sha256').update(`${version}\0${filename}\0${source}`).digest('hex');
  const cached = join(cacheDir, `${key}.js`);
  try {
    return { code: readFileSync(cached, 'utf8'), commonjs };
  } catch {}
  const { transform } = await import('esbuild');
  const { code } = await transform(source, {
    loader: filename.endsWith('x') ? 'tsx' : 'ts',
    format: commonjs ? 'cjs' : 'esm',
    target: 'node20',
    sourcemap: 'inline',
    sourcefile: filename,
    tsconfigRaw: { compilerOptions: { alwaysStrict: true, verbatimModuleSyntax: true } },
  });
  try {
    mkdirSync(cacheDir, { recursive: true });
    const temporary = `${cached}.${process.pid}.tmp`;
    writeFileSync(temporary, code);
    renameSync(temporary, cached);
  } catch {}
  return { code, commonjs };
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !TS.test(new URL(url).pathname)) return nextLoad(url, context);
  const filename = fileURLToPath(url);
  const { code, commonjs } = await compile(filename, await readFile(filename, 'utf8'));
  return { format: commonjs ? 'commonjs' : 'module', source: code, shortCircuit: true };
}
