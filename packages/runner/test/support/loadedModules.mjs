// Given to a `plexus` command through NODE_OPTIONS (`--import`): every module it loads, ES or
// CommonJS, is appended to the file named by PLEXUS_LOADED_LOG, one path or URL a line.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const log = process.env.PLEXUS_LOADED_LOG;
register(
  `data:text/javascript,${encodeURIComponent(`
    import { appendFileSync } from 'node:fs';
    export async function resolve(specifier, context, next) {
      const resolved = await next(specifier, context);
      appendFileSync(${JSON.stringify(log)}, resolved.url + '\\n');
      return resolved;
    }`)}`,
);
const { cache } = createRequire(import.meta.url);
process.on('exit', () => appendFileSync(log, `${Object.keys(cache).join('\n')}\n`));
