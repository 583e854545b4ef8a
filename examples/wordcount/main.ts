// Count the words of a text file and print the most frequent: the graph of
// wordcount.graph.yaml, built in code. Run from the repository root:
//   node --import ./scripts/register-ts.mjs examples/wordcount/main.ts [file] [--replicas N] [--process]
// Without a file it counts examples/wordcount/sample.txt. The time taken goes to stderr.
import { parseArgs } from 'node:util';
import { wordcount } from './wordcount.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    replicas: { type: 'string', default: '2' },
    top: { type: 'string', default: '10' },
    process: { type: 'boolean', default: false },
  },
});
const path = positionals[0] ?? 'examples/wordcount/sample.txt';

const started = performance.now();
const g = wordcount({
  path,
  top: Number(values.top),
  replicas: Number(values.replicas),
  backend: values.process ? 'process' : 'worker',
});
await g.run();
const seconds = (performance.now() - started) / 1000;
console.error(`counted ${path} in ${seconds.toFixed(2)} s`);
