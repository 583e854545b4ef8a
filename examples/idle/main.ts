// The job on a backend (inline, worker or process; all four components in one unit), with the
// compressor at idle priority, or at normal priority to compare.
// Run: npx --yes pnpm@10.34.9 --filter @plexus/example-idle start [backend] [idle|normal]
import { job } from './idle.ts';

const backend = (process.argv[2] ?? 'inline') as 'inline' | 'worker' | 'process';
const priority = (process.argv[3] ?? 'idle') as 'idle' | 'normal';
await job(5, backend === 'inline' ? {} : { backend, group: 'job' }, priority).run();
