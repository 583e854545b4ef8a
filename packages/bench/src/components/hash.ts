/** CPU-bound work for the parallel benchmark: SHA-256, over and over. */
import { createHash } from 'node:crypto';
import { box, defineComponent, z } from '@plexus/core';

/** Hash the decimal form of `n` with SHA-256, `rounds` times over; the last digest in hex. */
export function hashRounds(n: number, rounds: number): string {
  let digest = String(n);
  for (let i = 0; i < rounds; i++) digest = createHash('sha256').update(digest).digest('hex');
  return digest;
}

/** Hashes each number `rounds` times and sends `{ n, hash }`. */
export const Hash = defineComponent({
  name: 'Hash',
  description: 'Hashes each number `rounds` times with SHA-256 and sends { n, hash }.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: {
    out: box(z.object({ n: z.number(), hash: z.string() }), 'Each number and its hash.'),
  },
  params: z.object({ rounds: z.number().int().min(1).default(500) }),
  async body({ inbox, outbox, params }) {
    for await (const n of inbox.in)
      await outbox.out.send({ n, hash: hashRounds(n, params.rounds) });
  },
});
