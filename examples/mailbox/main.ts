// A till in Erlang's and PARLEY's habits: selective receive, calls, tagged handlers.
// Run: pnpm --filter @plexus/example-mailbox start [inline|worker|process]
import { till } from './mailbox.ts';

const backend = (process.argv[2] ?? 'inline') as 'inline' | 'worker' | 'process';
await till(backend === 'inline' ? {} : { backend }).run();
