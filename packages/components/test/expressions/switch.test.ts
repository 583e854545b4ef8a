import { afterEach, describe, expect, test } from '@jest/globals';
import { graph, specialize } from '@plexus/core';
import { liveWorkers, workerBackend } from '@plexus/worker';
import { collectInto, FromItems, Switch } from '../../src/index.ts';
import { run } from './helpers.ts';

const readings = [
  { topic: 'sensors/temp', payload: 21 },
  { topic: 'sensors/hum', payload: 40 },
  { topic: 'sensors/temp', payload: 35 },
  { topic: 'other', payload: 1 },
];

describe('Switch', () => {
  test('routes each message to the outbox of the first rule that holds, else otherwise', async () => {
    const outputs = await run(
      Switch,
      {
        rules: [
          { when: 'topic = "sensors/temp" and payload > 30', to: 'hot' },
          { when: '$contains(topic, "temp")', to: 'temperature' },
          { when: 'topic = "sensors/hum"', to: 'humidity' },
        ],
      },
      readings,
    );
    expect(outputs).toEqual({
      otherwise: [readings[3]],
      errors: [],
      hot: [readings[2]],
      temperature: [readings[0]],
      humidity: [readings[1]],
    });
  });

  test('with all, a message goes to every rule that holds; rules may share an outbox', async () => {
    const outputs = await run(
      Switch,
      {
        all: true,
        rules: [
          { when: 'payload > 30', to: 'high' },
          { when: 'payload > 20', to: 'high' },
          { when: '$contains(topic, "sensors")', to: 'sensors' },
        ],
      },
      readings,
    );
    expect(outputs.high).toEqual([readings[0], readings[1], readings[2]]);
    expect(outputs.sensors).toEqual([readings[0], readings[1], readings[2]]);
    expect(outputs.otherwise).toEqual([readings[3]]);
  });

  test('its rules make its outboxes; a rule may not take a name Switch has', () => {
    const made = specialize(
      Switch,
      Switch.params!.parse({
        rules: [
          { when: 'a', to: 'x' },
          { when: 'b', to: 'y' },
        ],
      }),
    );
    expect(Object.keys(made.outboxes)).toEqual(['otherwise', 'errors', 'x', 'y']);
    expect(() =>
      graph('g').add('s', Switch, { params: { rules: [{ when: 'a', to: 'errors' }] } }),
    ).toThrow('names a box Switch already has');
    expect(() =>
      graph('g').add('s', Switch, { params: { rules: [{ when: 'a', to: 'not a name' }] } }),
    ).toThrow('must be a box name');
  });

  describe('on a worker thread', () => {
    afterEach(() => expect(liveWorkers()).toBe(0));

    test('has the same configured outboxes there, and routes the same', async () => {
      const hot: unknown[] = [];
      const rest: unknown[] = [];
      const g = graph('g');
      const route = g.add('route', Switch, {
        params: { rules: [{ when: 'payload > 30', to: 'hot' }] },
        backend: 'worker',
      });
      g.link(
        g.add('items', FromItems, { params: { items: readings } }).outbox('out'),
        route.inbox('in'),
      );
      g.link('route.hot', g.add('hot', collectInto(hot)).inbox('in'));
      g.link('route.otherwise', g.add('rest', collectInto(rest)).inbox('in'));
      await g.run({ backends: [workerBackend()] });
      expect(hot).toEqual([readings[1], readings[2]]);
      expect(rest).toEqual([readings[0], readings[3]]);
    });
  });
});
