/**
 * The test's eyes: a sink that pushes into an array the test holds. It shares memory with
 * the test, so it always runs inline, whatever the placement under test.
 */
import { box, defineComponent, z } from '@plexus/core';

export function collector(into: unknown[]) {
  return defineComponent({
    name: 'Collector',
    description: 'Collects every message into an array held by the test.',
    inboxes: { in: box(z.any(), 'Messages to collect.') },
    async body({ inbox }) {
      for await (const message of inbox.in) into.push(message);
    },
  });
}
