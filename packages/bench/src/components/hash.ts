/**
 * CPU-bound work for the parallel benchmark: a 32-bit hash in plain JavaScript, over and over.
 *
 * It was SHA-256 through `node:crypto` until 2026-12-03. Each of those calls builds a native
 * hash object (malloc, a weak handle, an OpenSSL context): under `perf` the SHA-256 itself was
 * 6 % of the time and native allocation and handles most of the rest, and two bare threads in
 * one process sped up only 1.2–2.0× on this machine from round to round. The benchmark asks
 * how replicas scale a CPU-bound stage, so the stage now computes in JavaScript, where two bare
 * threads give 1.9–2.0×.
 */
import { box, defineComponent, z } from '@plexus/core';

/**
 * Hash `n` with the murmur3 32-bit finalizer `rounds` times, mixing in each round's index; the
 * result as 8 hex digits.
 */
export function hashRounds(n: number, rounds: number): string {
  let h = n | 0;
  for (let i = 0; i < rounds; i++) {
    h = (h + i) | 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Hashes each number `rounds` times and sends `{ n, hash }`. */
export const Hash = defineComponent({
  name: 'Hash',
  description:
    'Hashes each number `rounds` times with the murmur3 32-bit finalizer and sends { n, hash }.',
  inboxes: { in: box(z.number(), 'Numbers.') },
  outboxes: {
    out: box(z.object({ n: z.number(), hash: z.string() }), 'Each number and its hash.'),
  },
  params: z.object({ rounds: z.number().int().min(1).default(150_000) }),
  async body({ inbox, outbox, params }) {
    for await (const n of inbox.in)
      await outbox.out.send({ n, hash: hashRounds(n, params.rounds) });
  },
});
