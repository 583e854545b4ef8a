// `node --import ./scripts/register-ts.mjs file.ts`: run TypeScript directly from source.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
