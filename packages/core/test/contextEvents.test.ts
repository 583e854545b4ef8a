import { describe, expect, test } from '@jest/globals';
import { box, defineComponent, graph, z } from '@plexus/core';
import { FailOn } from '@plexus/scenarios/components';

describe('ctx.events', () => {
  test("a body hears other components' lifecycle events while it listens", async () => {
    const heard: string[] = [];
    const Watch = defineComponent({
      name: 'Watch',
      description: 'Records the components that end while it waits for its input.',
      inboxes: { in: box(z.any(), 'Anything; it listens until this ends.') },
      async body({ inbox, events }) {
        const onEnd = (info: { name: string; state: string }) =>
          heard.push(`${info.name} ${info.state}`);
        events.on('component:end', onEnd);
        try {
          for await (const _ of inbox.in);
        } finally {
          events.off('component:end', onEnd);
        }
      },
    });
    const Quiet = defineComponent({
      name: 'Quiet',
      description: 'Ends at once.',
      outboxes: { out: box(z.any(), 'Nothing.', { optional: true }) },
      body() {},
    });
    const g = graph('g');
    g.add('a', Quiet);
    g.link(g.add('b', Quiet).outbox('out'), g.add('watch', Watch).inbox('in'));
    await g.run();
    expect(heard.sort()).toEqual(['a ended', 'b ended']);
  });

  test('a failure is heard before the graph fails', async () => {
    const heard: string[] = [];
    const Watch = defineComponent({
      name: 'Watch',
      description: 'Records failures until stopped.',
      async body({ events, signal }) {
        events.on('component:fail', (info, error) => heard.push(`${info.name}: ${error.message}`));
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
      },
    });
    const g = graph('g');
    g.add('watch', Watch);
    const fail = g.add('fail', FailOn, { params: { value: 1 } });
    const Feed = defineComponent({
      name: 'Feed',
      description: 'Sends 1.',
      outboxes: { out: box(z.number(), 'One.') },
      async body({ outbox }) {
        await outbox.out.send(1);
      },
    });
    g.link(g.add('feed', Feed).outbox('out'), fail.inbox('in'));
    await expect(g.run()).rejects.toThrow();
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatch(/^fail: /);
  });
});
