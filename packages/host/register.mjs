// `node --import @plexus/host/register file.ts`: run TypeScript straight from source. Stack
// traces follow the source maps the hooks write, so they point at the TypeScript lines (as
// `--enable-source-maps` would; only modules loaded from now on are mapped).
import { register } from 'node:module';

process.setSourceMapsEnabled(true);
register('./hooks.mjs', import.meta.url);
