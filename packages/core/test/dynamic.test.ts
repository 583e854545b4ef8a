import { describe, expect, test } from '@jest/globals';
import { box, defineComponent, graph, z } from '@plexus/core';
import { collector } from '@plexus/scenarios';
import { Count, Pass, Slow } from '@plexus/scenarios/components';

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
};

/** A sieve filter that adds the next filter itself when it meets a new prime (Kamaelia style). */
const Filter = defineComponent({
  name: 'Filter',
  description: 'Reports its prime, passes on numbers it does not divide, and adds the next filter.',
  inboxes: { in: box(z.number(), 'Candidates in increasing order.') },
  outboxes: {
    primes: box(z.number(), 'Its prime, once.'),
    out: box(z.number(), 'Candidates it does not divide.'),
  },
  params: z.object({ prime: z.number(), report: z.string() }),
  async body({ inbox, outbox, params, graph: scope, self }) {
    await outbox.primes.send(params.prime);
    let next = false;
    for await (const n of inbox.in) {
      if (n % params.prime === 0) continue;
      if (!next) {
        const filter = scope.add(`p${n}`, Filter, { params: { prime: n, report: params.report } });
        scope.link(self.outbox('out'), filter.inbox('in'));
        scope.link(filter.outbox('primes'), params.report);
        next = true;
        continue;
      }
      await outbox.out.send(n);
    }
  },
});

describe('graphs that change while they run', () => {
  test('a component can grow its own graph: the prime sieve adds one filter per prime', async () => {
    const g = graph('sieve');
    const primes: unknown[] = [];
    const first = g.add('p2', Filter, { params: { prime: 2, report: 'report.in' } });
    g.add('report', collector(primes));
    g.link(
      g.add('numbers', Count, { params: { from: 3, to: 100 } }).outbox('out'),
      first.inbox('in'),
    );
    g.link(first.outbox('primes'), 'report.in');
    await g.run();
    const expected = [
      2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89,
      97,
    ];
    expect([...primes].sort((a, b) => (a as number) - (b as number))).toEqual(expected);
    expect(g.stats().components.filter((c) => c.type === 'Filter')).toHaveLength(25);
  });

  test('unlinking delivers what the link already holds, and the sender carries on with its other links', async () => {
    const g = graph();
    const all: unknown[] = [];
    const some: unknown[] = [];
    const count = g.add('count', Count, { params: { to: 500 } });
    const slow = g.add('slow', Slow, { params: { ms: 0 } });
    g.link(count.outbox('out'), g.add('all', collector(all)).inbox('in'));
    const cut = g.link(count.outbox('out'), slow.inbox('in'), { capacity: 4 });
    g.link(slow.outbox('out'), g.add('some', collector(some)).inbox('in'));
    let sentBeforeCut = -1;
    g.on('link:remove', (info) => {
      sentBeforeCut = info.sent;
    });
    const done = g.run();
    await until(() => some.length >= 10);
    g.unlink(cut);
    await done;
    expect(all).toHaveLength(500);
    expect(sentBeforeCut).toBeLessThan(500);
    expect(some).toEqual(all.slice(0, sentBeforeCut));
  });

  test('removing a running component stops it and removes its links; the rest of the graph completes', async () => {
    const g = graph();
    const all: unknown[] = [];
    const some: unknown[] = [];
    const count = g.add('count', Count, { params: { to: 300 } });
    const slow = g.add('slow', Slow, { params: { ms: 1 } });
    g.link(count.outbox('out'), g.add('all', collector(all)).inbox('in'));
    g.link(count.outbox('out'), slow.inbox('in'));
    g.link(slow.outbox('out'), g.add('some', collector(some)).inbox('in'));
    const done = g.run();
    await until(() => some.length >= 3);
    g.remove(slow);
    await expect(done).resolves.toEqual({ status: 'completed' });
    expect(all).toHaveLength(300);
    expect(some.length).toBeLessThan(300);
    expect(g.stats().components.map((c) => c.name)).toEqual(['count', 'all', 'some']);
    expect(g.stats().links.map((l) => `${l.from} -> ${l.to}`)).toEqual(['count.out -> all.in']);
  });

  test('a component added while the graph runs starts after the current step, so it can be linked first', async () => {
    const g = graph();
    const items: unknown[] = [];
    const pass = g.add('pass', Pass);
    g.link(pass.outbox('out'), g.add('sink', collector(items)).inbox('in'));
    g.link(g.add('first', Count, { params: { to: 2 } }).outbox('out'), pass.inbox('in'));
    const done = g.run();
    const late = g.add('late', Count, { params: { from: 10, to: 11 } });
    g.link(late.outbox('out'), pass.inbox('in'));
    await done;
    expect([...items].sort((a, b) => (a as number) - (b as number))).toEqual([1, 2, 10, 11]);
  });

  test('nothing can be linked into an inbox whose end its component has already seen', async () => {
    const g = graph();
    const items: unknown[] = [];
    const pass = g.add('pass', Pass);
    g.link(g.add('count', Count, { params: { to: 1 } }).outbox('out'), pass.inbox('in'));
    g.link(pass.outbox('out'), g.add('sink', collector(items)).inbox('in'));
    const done = g.run();
    await until(() => items.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const extra = g.node('count');
    expect(() => g.link(extra.outbox('out' as never), pass.inbox('in'))).toThrow(
      "Component 'pass' (Pass) has already seen the end of inbox 'in', so nothing can be linked into it any more.",
    );
    await done;
  });
});
