/** A sink that hands what it receives to the code that built the graph (always inline). */
import { box, defineComponent, z } from '@plexus/core';

/** A component that pushes every message into `into`. It shares memory with its caller, so it runs inline. */
export function collect<T>(into: T[]) {
  return defineComponent({
    name: 'Collect',
    description: 'Pushes every message into an array held by the benchmark.',
    inboxes: { in: box(z.any(), 'Messages to keep.') },
    async body({ inbox }) {
      for await (const message of inbox.in) into.push(message as T);
    },
  });
}
