/**
 * The sieve of Eratosthenes as a graph that grows while it runs (Kamaelia's classic): each
 * filter stands for one prime. The first number that gets past the last filter is the next
 * prime, so that filter adds a new filter for it, links itself to it, and the graph grows.
 */
import { box, defineComponent, type Graph, graph, type Placement, z } from '@plexus/core';

/** Sends the candidates 3, 4, 5, … up to `limit`. */
export const Candidates = defineComponent({
  name: 'Candidates',
  description: 'Sends the whole numbers from 3 up to `limit`, in order.',
  outboxes: { out: box(z.number().int(), 'Candidate numbers, increasing.') },
  params: z.object({ limit: z.number().int().min(2).default(100) }),
  async body({ outbox, params }) {
    for (let n = 3; n <= params.limit; n++) await outbox.out.send(n);
  },
});

/** Reports its prime, drops its multiples, and adds the filter for the next prime. */
export const PrimeFilter = defineComponent({
  name: 'PrimeFilter',
  description:
    'Reports its prime, passes on numbers it does not divide, and adds the filter for the next prime.',
  inboxes: { in: box(z.number().int(), 'Candidates, increasing.') },
  outboxes: {
    primes: box(z.number().int(), 'This filter’s prime, once.'),
    out: box(
      z.number().int(),
      'Candidates this prime does not divide (linked by the filter when it grows the graph).',
      {
        optional: true,
      },
    ),
  },
  params: z.object({
    prime: z.number().int(),
    report: z
      .string()
      .default('report.in')
      .describe('The inbox every filter reports its prime to.'),
  }),
  async body({ inbox, outbox, params, graph: scope, self }) {
    await outbox.primes.send(params.prime);
    let grown = false;
    for await (const n of inbox.in) {
      if (n % params.prime === 0) continue;
      if (grown) {
        await outbox.out.send(n);
        continue;
      }
      // n passed every filter so far: it is prime. Grow the graph by one filter.
      const next = scope.add(`filter-${n}`, PrimeFilter, {
        params: { prime: n, report: params.report },
      });
      scope.link(self.outbox('out'), next.inbox('in'));
      scope.link(next.outbox('primes'), params.report);
      grown = true;
    }
  },
});

/** Collects the primes and prints them once every filter has finished. */
export const Report = defineComponent({
  name: 'Report',
  description: 'Collects primes and prints them in order once every filter has ended.',
  inboxes: { in: box(z.number().int(), 'Primes, from many filters.') },
  outboxes: {
    out: box(z.array(z.number().int()), 'All the primes, sorted, once.', { optional: true }),
  },
  async body({ inbox, outbox }) {
    const primes: number[] = [];
    for await (const prime of inbox.in) primes.push(prime);
    primes.sort((a, b) => a - b);
    console.log(`${primes.length} primes, one filter component each:`);
    console.log(primes.join(' '));
    await outbox.out.send(primes);
  },
});

/**
 * The sieve for the primes up to `limit`: it starts with one filter, for 2. `placement`
 * applies to all three components (the filters it grows live where their parent does).
 */
export function sieve(limit: number, placement: Placement = {}): Graph {
  const g = graph('sieve');
  const candidates = g.add('candidates', Candidates, { params: { limit }, ...placement });
  const first = g.add('filter-2', PrimeFilter, { params: { prime: 2 }, ...placement });
  const report = g.add('report', Report, placement);
  g.link(candidates.outbox('out'), first.inbox('in'));
  g.link(first.outbox('primes'), report.inbox('in'));
  return g;
}
