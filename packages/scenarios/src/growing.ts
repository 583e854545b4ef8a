/**
 * Components of the growing-graph scenarios: the sieve of Eratosthenes, whose filters add the
 * filter for the next prime while they run and link it to a report named by a param, wherever
 * in the graph that report runs.
 */
import { box, defineComponent, z } from '@plexus/core';
import { Take } from './components.ts';

/** Sends 3, 4, 5, … up to `to`. */
export const Candidates = defineComponent({
  name: 'Candidates',
  description: 'Sends the whole numbers from 3 up to `to`, in order.',
  outboxes: { out: box(z.number().int(), 'Candidates, increasing.') },
  params: z.object({ to: z.number().int() }),
  async body({ outbox, params }) {
    for (let n = 3; n <= params.to; n++) await outbox.out.send(n);
  },
});

/** Reports its prime to `report`, drops its multiples, and adds the filter for the next prime. */
export const PrimeFilter = defineComponent({
  name: 'PrimeFilter',
  description: 'Reports its prime, passes on what it does not divide, and grows the next filter.',
  inboxes: { in: box(z.number().int(), 'Candidates, increasing.') },
  outboxes: {
    // Optional, so a filter whose report link was refused fails for that, not for sending.
    primes: box(z.number().int(), 'This filter’s prime, once.', { optional: true }),
    out: box(z.number().int(), 'Candidates it does not divide.', { optional: true }),
  },
  params: z.object({ prime: z.number().int(), report: z.string() }),
  async body({ inbox, outbox, params, graph, self }) {
    await outbox.primes.send(params.prime);
    let grown = false;
    for await (const n of inbox.in) {
      if (n % params.prime === 0) continue;
      if (grown) {
        await outbox.out.send(n);
        continue;
      }
      const next = graph.add(`filter-${n}`, PrimeFilter, {
        params: { prime: n, report: params.report },
      });
      graph.link(self.outbox('out'), next.inbox('in'));
      graph.link(next.outbox('primes'), params.report);
      grown = true;
    }
  },
});

/**
 * Sends 0, 1, 2, … (`count` of them, or forever), a millisecond apart; drops them while nothing
 * is linked; stopped once nothing listens.
 */
export const Paced = defineComponent({
  name: 'Paced',
  description: 'Sends ever larger numbers, a millisecond apart, dropped while nothing listens.',
  outboxes: { out: box(z.number().int(), 'Ever larger numbers.', { optional: true }) },
  params: z.object({ count: z.number().int().optional() }),
  async body({ outbox, params }) {
    for (let i = 0; i !== params.count; i++) {
      await outbox.out.send(i);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  },
});

/**
 * Links its `out` to `to` (a component's inbox elsewhere) while it runs, sends `a` and `b`,
 * unlinks it, and sends `c`, which nothing then receives. Link `keep` to `to` as well: it
 * sends nothing there, but keeps `to` open until the link is made.
 */
export const Teller = defineComponent({
  name: 'Teller',
  description: 'Links, sends two, unlinks, sends one more.',
  outboxes: {
    out: box(z.string(), 'a, b (and c, dropped).', { optional: true }),
    keep: box(z.string(), 'Nothing.', { optional: true }),
  },
  params: z.object({ to: z.string() }),
  async body({ outbox, params, graph, self }) {
    const link = graph.link(self.outbox('out'), params.to);
    await outbox.out.send('a');
    await outbox.out.send('b');
    graph.unlink(link);
    await outbox.out.send('c');
  },
});

/**
 * Links `from` (a component's outbox elsewhere) into its `in` while it runs, passes on what
 * comes, and unlinks it after the third message; it ends when what was in flight has come.
 */
export const Listener = defineComponent({
  name: 'Listener',
  description: 'Listens to a far outbox, and unlinks it after three messages.',
  inboxes: { in: box(z.number().int(), 'Numbers.', { optional: true }) },
  outboxes: { out: box(z.number().int(), 'What came, in order.') },
  params: z.object({ from: z.string() }),
  async body({ inbox, outbox, params, graph, self }) {
    const link = graph.link(params.from, self.inbox('in'));
    let taken = 0;
    for await (const n of inbox.in) {
      await outbox.out.send(n);
      if (++taken === 3) graph.unlink(link);
    }
  },
});

/**
 * Grows a `Take` that listens to `from` (a component's outbox elsewhere in the graph) and
 * passes what it takes to `to`, then ends. Link its own `out` to `to` as well: it sends
 * nothing there, but keeps `to` open until the listener's link to it is made.
 */
export const Spawner = defineComponent({
  name: 'Spawner',
  description: 'Grows a listener on a far outbox, reporting to a far inbox.',
  outboxes: { out: box(z.number().int(), 'Nothing; keeps `to` open.', { optional: true }) },
  params: z.object({ from: z.string(), to: z.string(), n: z.number().int() }),
  async body({ params, graph }) {
    const listener = graph.add('listener', Take, { params: { n: params.n } });
    graph.link(params.from, listener.inbox('in'));
    graph.link(listener.outbox('out'), params.to);
  },
});
