// Runs the test files known to take longest first, so that on the jest workers the long ones
// overlap the many short ones instead of trailing at the end (jest orders by the timings of
// an earlier run, which a fresh clone does not have). Files not listed keep jest's own order.
const Sequencer = require('@jest/test-sequencer').default;

/**
 * The slowest files, slowest first (a full run on 2 cores, 7 December 2026, after spare
 * threads and children and the runner's lazy loading: see "Keeping the suite fast" in
 * CONTRIBUTING.md). Longest first is what lets the workers finish together: the consumer
 * test alone takes a sixth of the run.
 */
const SLOW = [
  'packages/create-plexus/test/consumer.test.ts',
  // ~45 s wall, 30 CPU s: two three-server clusters, each with two node agents (issue 24).
  'packages/nats/test/cluster.test.ts',
  'packages/nats/test/scenarios.test.ts',
  'packages/process/test/scenarios.test.ts',
  'packages/bench/test/bench.test.ts',
  'scripts/docs/test/codeBlocks.test.ts',
  'packages/runner/test/examples.test.ts',
  'packages/runner/test/wrappers.test.ts',
  'packages/nats/test/mixed.test.ts',
  'packages/nats/test/failures.test.ts',
  'packages/worker/test/scenarios.test.ts',
  'packages/nats/test/durable.test.ts',
  // ~35 s wall: node agents killed, supervised units restarted on spare nodes (issue 24).
  'packages/nats/test/restart.test.ts',
  'packages/process/test/mixed.test.ts',
  'packages/inspector/test/page.test.ts',
  'tutorials/miniaxon/test/tutorial.test.ts',
  'packages/worker/test/mixed.test.ts',
  'packages/runner/test/graphFile.property.test.ts',
];

class SlowFirst extends Sequencer {
  sort(tests) {
    const rank = (test) => {
      const at = SLOW.findIndex((path) => test.path.endsWith(path));
      return at < 0 ? SLOW.length : at;
    };
    const ordered = super.sort(tests);
    return [...ordered].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowFirst;
