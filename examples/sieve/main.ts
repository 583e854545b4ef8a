// Print the primes up to a limit (default 100) with a graph that grows a filter per prime.
// Run: pnpm --filter @plexus/example-sieve start [limit]
import { sieve } from './sieve.ts';

const limit = Number(process.argv[2] ?? 100);
const g = sieve(limit);
await g.run();
const filters = g.stats().components.filter((c) => c.type === 'PrimeFilter').length;
console.log(`(the graph grew from 3 to ${filters + 2} components while it ran)`);
