// Write the example's large text file if it is not there yet (deterministic: seeded).
// Run: node --import ./scripts/register-ts.mjs examples/wordcount/make-text.ts [path] [megabytes]
// Defaults: examples/wordcount/data/text.txt, 32 MB. Says what it did on stderr.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { textLines } from './text.ts';

const here = dirname(fileURLToPath(import.meta.url));
const path = resolve(process.argv[2] ?? resolve(here, 'data', 'text.txt'));
const megabytes = Number(process.argv[3] ?? 32);
if (!(megabytes > 0)) {
  console.error(`make-text: '${process.argv[3]}' is not a size in megabytes; give e.g. 32.`);
  process.exit(2);
}

if (existsSync(path)) process.exit(0);

const started = performance.now();
mkdirSync(dirname(path), { recursive: true });
const partial = `${path}.partial`;
const fd = openSync(partial, 'w');
let chunk: string[] = [];
let size = 0;
for (const line of textLines({ bytes: megabytes * 1024 * 1024 })) {
  chunk.push(line);
  size += line.length + 1;
  if (size >= 1 << 20) {
    writeSync(fd, `${chunk.join('\n')}\n`);
    chunk = [];
    size = 0;
  }
}
if (chunk.length > 0) writeSync(fd, `${chunk.join('\n')}\n`);
closeSync(fd);
renameSync(partial, path);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const mb = (statSync(path).size / (1024 * 1024)).toFixed(1);
console.error(`make-text: wrote ${relative(process.cwd(), path)} (${mb} MB) in ${seconds} s`);
