// Write the example's access log: node --import ./scripts/register-ts.mjs examples/logs/make-logs.ts [path] [minutes]
// Defaults: examples/logs/access.ndjson (the file the graph reads), 10 minutes.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accessLog } from './generate.ts';

const here = dirname(fileURLToPath(import.meta.url));
const path = resolve(process.argv[2] ?? resolve(here, 'access.ndjson'));
const lines = accessLog({ minutes: Number(process.argv[3] ?? 10) });
writeFileSync(path, `${lines.join('\n')}\n`);
console.error(`make-logs: wrote ${lines.length} lines to ${path}`);
