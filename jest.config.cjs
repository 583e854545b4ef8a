// One jest configuration for the whole workspace. TypeScript runs through a small esbuild
// transform; workspace packages resolve to their TypeScript source via the project-unique
// '@plexus/source' export condition.
const { buildsAreFresh } = require('./scripts/builds-are-fresh.cjs');

// Worker threads that tests start load Plexus from the packages' build when it is fresh: half the
// CPU time of compiling every source module in every thread (see `hostsFromBuild` in @plexus/host).
process.env.PLEXUS_HOSTS_FROM_BUILD ??= buildsAreFresh() ? '1' : '0';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  testEnvironmentOptions: {
    customExportConditions: ['@plexus/source', 'node', 'require', 'default'],
  },
  transform: { '^.+\\.(c|m)?tsx?$': '<rootDir>/scripts/jest-transform.cjs' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'cjs', 'mjs', 'json'],
  testMatch: [
    '<rootDir>/packages/*/test/**/*.test.ts',
    '<rootDir>/examples/*/test/**/*.test.ts',
    '<rootDir>/tutorials/**/test/**/*.test.ts',
    '<rootDir>/scripts/**/test/**/*.test.ts',
  ],
  cacheDirectory: '<rootDir>/.jest-cache',
  // Two files at a time on two cores. Full runs on the 2-core machine (December 2026, ~655 CPU
  // s each): two workers kept 1.5 cores busy, 433 s; three kept 1.9 busy, 359–379 s, but with
  // the CPU oversubscribed the NATS failure tests' heartbeat and orphan timings failed (2 of 2
  // fresh-clone runs had a timing failure). A passing suite comes first.
  maxWorkers: 2,
  testSequencer: '<rootDir>/scripts/jest-sequencer.cjs',
  testTimeout: 20000,
};
