// Node module hooks that compile TypeScript with esbuild as it is imported — no pre-build,
// no ts-node or tsx. Compiled output is cached on disk by content hash, so a module compiles
// once per change, whichever thread or process imports it. Plain JavaScript: it must load
// before any TypeScript can.
//
// The cache lives in PLEXUS_CACHE_DIR, by default <os.tmpdir()>/plexus-esbuild-<user> (e.g.
// /tmp/plexus-esbuild-alice), one file per compiled module version. It is bounded: after its
// first compile, a process trims the cache to PLEXUS_CACHE_MAX_MB (default 64 MB) by removing
// the files used least recently (a hit refreshes a file's time) until it holds 3/4 of that.
// Deleting the folder at any time is safe.
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
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
const maxBytes = Number(process.env.PLEXUS_CACHE_MAX_MB ?? 64) * 1024 * 1024;
let trimmed = false;

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
    const code = readFileSync(cached, 'utf8');
    touch(cached);
    return { code, commonjs };
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
  if (!trimmed) {
    trimmed = true;
    trimCache();
  }
  return { code, commonjs };
}

/** Mark a cached file as just used (its modification time), so trimming keeps it. */
function touch(path) {
  try {
    const now = new Date();
    utimesSync(path, now, now);
  } catch {}
}

/**
 * Keep the cache under its bound: when it holds more than PLEXUS_CACHE_MAX_MB, remove the
 * files used least recently until it holds 3/4 of that. Other threads and processes may be
 * reading and writing the same folder: every step tolerates a file that has just gone.
 */
export function trimCache(dir = cacheDir, limit = maxBytes) {
  let files;
  try {
    files = readdirSync(dir).flatMap((name) => {
      try {
        const { size, mtimeMs } = statSync(join(dir, name));
        return [{ path: join(dir, name), size, mtimeMs }];
      } catch {
        return [];
      }
    });
  } catch {
    return;
  }
  let total = files.reduce((sum, file) => sum + file.size, 0);
  if (total <= limit) return;
  files.sort((a, b) => a.mtimeMs - b.mtimeMs);
  for (const file of files) {
    if (total <= limit * 0.75) break;
    try {
      unlinkSync(file.path);
    } catch {}
    total -= file.size;
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !TS.test(new URL(url).pathname)) return nextLoad(url, context);
  const filename = fileURLToPath(url);
  const { code, commonjs } = await compile(filename, await readFile(filename, 'utf8'));
  return { format: commonjs ? 'commonjs' : 'module', source: code, shortCircuit: true };
}
