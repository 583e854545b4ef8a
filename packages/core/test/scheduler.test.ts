import { describe, expect, test } from '@jest/globals';
import { box, defineComponent, graph, z } from '@plexus/core';
import { FastPass, Forever, Pass } from '@plexus/scenarios/components';

describe('the inline scheduler', () => {
  test.each([
    ['for-await', Pass],
    ['dataReady/recv', FastPass],
  ])(
    'a busy graph (%s style) never starves timers: a stop() from setTimeout ends it',
    async (_, Stage) => {
      let received = 0;
      const Counter = defineComponent({
        name: 'Counter',
        description: 'Counts what it receives.',
        inboxes: { in: box(z.number(), 'Numbers.') },
        async body({ inbox }) {
          for await (const _n of inbox.in) received++;
        },
      });
      const g = graph();
      g.pipeline(g.add('forever', Forever), g.add('stage', Stage), g.add('counter', Counter));
      const done = g.run({ checked: false });
      let timerAt = -1;
      setTimeout(() => {
        timerAt = received;
        void g.stop();
      }, 20);
      await expect(done).resolves.toEqual({ status: 'stopped' });
      expect(timerAt).toBeGreaterThan(0);
    },
  );

  test('a consumer is woken once per batch, not once per message, even when the producer awaits every send', async () => {
    let wakes = 0;
    let received = 0;
    const Counting = defineComponent({
      name: 'Counting',
      description: 'Counts how often it had to wait.',
      inboxes: { in: box(z.number(), 'Numbers.') },
      async body({ inbox }) {
        while (await inbox.in.wait()) {
          wakes++;
          while (inbox.in.dataReady()) {
            inbox.in.recv();
            received++;
          }
        }
      },
    });
    const Source = defineComponent({
      name: 'Source',
      description: 'Sends 6400 numbers, awaiting each send.',
      outboxes: { out: box(z.number(), 'Numbers.') },
      async body({ outbox }) {
        for (let i = 0; i < 6400; i++) await outbox.out.send(i);
      },
    });
    const g = graph();
    g.link(g.add('source', Source).outbox('out'), g.add('counting', Counting).inbox('in'), {
      capacity: 64,
    });
    await g.run({ checked: false });
    expect(received).toBe(6400);
    // About one wake per full link (100). A busy machine ends some 8 ms slices mid-batch,
    // which costs a few more; one wake per message would be 6400.
    expect(wakes).toBeGreaterThanOrEqual(6400 / 64);
    expect(wakes).toBeLessThanOrEqual((6400 / 64) * 1.5);
  });
});
