/**
 * A component module that ends the program when it is imported anywhere but the main thread
 * of a program without an IPC channel: in a worker thread, or in a child process the process
 * backend started. The unit that imports it dies while it is starting.
 */
import { isMainThread } from 'node:worker_threads';
import { box, defineComponent, z } from '@plexus/core';

if (!isMainThread || process.send !== undefined) process.exit(5);

/** Takes numbers and does nothing with them. */
export const Quiet = defineComponent({
  name: 'Quiet',
  description: 'Takes every number and does nothing with it.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  async body({ inbox }) {
    for await (const _ of inbox.in);
  },
});
