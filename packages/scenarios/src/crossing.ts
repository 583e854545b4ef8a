/**
 * Components that send what a boundary must not deliver silently changed: an instance of a
 * class (a clone would drop its methods), and bytes changed after they were sent.
 */
import { box, defineComponent, z } from '@plexus/core';

/** A point with a method: what a clone would turn into a plain { x, y }. */
export class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}

  norm(): number {
    return Math.hypot(this.x, this.y);
  }
}

/** Sends `{ at: new Point(3, 4) }` (a bug when it crosses a boundary, on purpose). */
export const SendPoint = defineComponent({
  name: 'SendPoint',
  description: 'Sends a record holding an instance of the class Point.',
  outboxes: { out: box(z.any(), 'Records.') },
  async body({ outbox }) {
    await outbox.out.send({ at: new Point(3, 4) });
  },
});

/** Sends bytes and then changes them: a sharing bug checked mode must catch. */
export const MutateBytes = defineComponent({
  name: 'MutateBytes',
  description:
    'Sends the bytes [1, 2, 3] and sets the first to 99 before awaiting the send (a bug, on purpose).',
  outboxes: { out: box(z.instanceof(Uint8Array), 'Bytes.') },
  async body({ outbox }) {
    const bytes = new Uint8Array([1, 2, 3]);
    const sent = outbox.out.send(bytes);
    bytes[0] = 99;
    await sent;
    await outbox.out.send(new Uint8Array([4]));
  },
});
