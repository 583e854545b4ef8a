import { rawProcessLink } from './src/baselines/rawProcessLink.ts';
import { plexusLink } from './src/benchmarks/links.ts';
const N = Number(process.argv[3] ?? 1_000_000);
const child = { backend: 'process' } as const;
const rate = process.argv[2] === 'raw' ? await rawProcessLink(N, 1024) : await plexusLink(N, child, child, undefined);
console.log(process.argv[2], Math.round(rate / 1000), 'k msgs/s');
