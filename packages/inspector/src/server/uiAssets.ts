/**
 * The page's files. A built package serves what `pnpm build` bundled into `dist/ui`; run from
 * its TypeScript source (inside the Plexus repository), the inspector bundles the page with
 * esbuild once, in memory, on first use, so the page is never stale.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Errors } from '../errors.ts';

export interface Asset {
  readonly type: string;
  readonly body: Buffer;
}

const here: string =
  typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
/** `src/server` when run from source; `dist` (the bundle) when built. */
const fromSource = /[\\/]src[\\/]server$/.test(here);
const TYPES: Readonly<Record<string, string>> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'index.html': 'text/html; charset=utf-8',
};

let assets: Promise<ReadonlyMap<string, Asset>> | undefined;

/** The page's files by name: `index.html`, `app.js`, `app.css`. */
export function uiAssets(): Promise<ReadonlyMap<string, Asset>> {
  assets ??= (fromSource ? bundled() : built()).catch((error: Error) => {
    assets = undefined;
    throw error;
  });
  return assets;
}

async function built(): Promise<ReadonlyMap<string, Asset>> {
  const dir = join(here, 'ui');
  const files = new Map<string, Asset>();
  for (const [name, type] of Object.entries(TYPES)) {
    try {
      files.set(name, { type, body: await readFile(join(dir, name)) });
    } catch {
      throw Errors.noPage(join(dir, name));
    }
  }
  return files;
}

async function bundled(): Promise<ReadonlyMap<string, Asset>> {
  const ui = join(here, '..', '..', 'ui');
  const require = createRequire(join(ui, 'build.cjs'));
  const { buildUi } = require('./build.cjs') as {
    buildUi(write?: string): Promise<Record<string, Uint8Array>>;
  };
  const outputs = await buildUi();
  const files = new Map<string, Asset>();
  for (const [name, type] of Object.entries(TYPES))
    files.set(name, { type, body: Buffer.from(outputs[name]!) });
  return files;
}
