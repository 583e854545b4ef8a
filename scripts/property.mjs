#!/usr/bin/env node
// Run the property tests (files named *.property.test.ts) with more cases than CI does:
//   pnpm test:property --runs 200 [more jest arguments]
// --runs sets PLEXUS_PROPERTY_RUNS, which each property test reads (the graph-file fuzzing
// test never runs fewer than its 10,000 cases).
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const at = args.indexOf('--runs');
const env = { ...process.env };
if (at >= 0) {
  const runs = Number(args[at + 1]);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error('pnpm test:property: --runs takes a whole number of 1 or more, e.g. --runs 200');
    process.exit(2);
  }
  env.PLEXUS_PROPERTY_RUNS = String(runs);
  args.splice(at, 2);
}
const jest = spawnSync('npx', ['jest', '--testPathPatterns', '\\.property\\.test\\.ts$', ...args], {
  stdio: 'inherit',
  env,
});
process.exit(jest.status ?? 1);
