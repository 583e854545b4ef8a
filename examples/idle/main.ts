// The job on a backend (inline, worker or process; all four components in one unit).
// Run: npx --yes pnpm@10.34.9 --filter @plexus/example-idle start [backend]
import { job } from './idle.ts';

const backend = (process.argv[2] ?? 'inline') as 'inline' | 'worker' | 'process';
await job(5, backend === 'inline' ? {} : { backend, group: 'job' }).run();
