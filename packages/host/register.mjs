// `node --import @plexus/host/register file.ts`: run TypeScript straight from source.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
