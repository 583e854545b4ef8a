// The Benchmarks Game's thread-ring: prints the number of the thread that receives the token
// at 0, and how fast it went round. Run: pnpm --filter @plexus/example-threadring start [hops] [inline|worker|process]
import { threadRing } from './threadring.ts';

const hops = Number(process.argv[2] ?? 1000);
const backend = (process.argv[3] ?? 'inline') as 'inline' | 'worker' | 'process';
// Every thread in one place: one worker or one process for the whole ring.
const g = threadRing(503, hops, backend === 'inline' ? {} : { backend, group: 'ring' });
const start = performance.now();
await g.run();
const seconds = (performance.now() - start) / 1000;
console.error(`${hops.toLocaleString('en')} hops in ${seconds.toFixed(2)} s on ${backend}`);
