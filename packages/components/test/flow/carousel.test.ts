import { describe, expect, test } from '@jest/globals';
import { runComponent } from '@plexus/core';
import { Carousel } from '../../src/index.ts';

describe('Carousel', () => {
  test('makes a child per message, configured by the message, one after another', async () => {
    const { out } = await runComponent(
      Carousel,
      { in: [{ items: ['a'] }, { items: ['b', 'c'] }] },
      {
        params: {
          child: '@plexus/components#FromItems',
          params: { repeat: 2 },
          paramsFrom: '{ "items": items }',
        },
      },
    );
    expect(out).toEqual(['a', 'a', 'b', 'c', 'b', 'c']);
  });

  test('hands each message to its child, whose input then ends', async () => {
    const { out } = await runComponent(
      Carousel,
      { in: [3, 4] },
      { params: { child: '@plexus/components#Map', paramsFrom: '{ "expression": "$ * " & $ }' } },
    );
    expect(out).toEqual([9, 16]);
  });

  test("with per 'key', each key has its own child for all its messages", async () => {
    const messages = [
      { topic: 'a', v: 1 },
      { topic: 'b', v: 2 },
      { topic: 'a', v: 3 },
    ];
    const { out } = await runComponent(
      Carousel,
      { in: messages },
      { params: { child: '@plexus/components#Collect', per: 'key' } },
    );
    expect((out as unknown[][]).sort((x, y) => x.length - y.length)).toEqual([
      [messages[1]],
      [messages[0], messages[2]],
    ]);
  });

  test('keeps at most maxChildren, ending the input of the least recently fed', async () => {
    const { out } = await runComponent(
      Carousel,
      { in: ['a1', 'b1', 'a2', 'a3'] },
      {
        params: {
          child: '@plexus/components#Collect',
          per: 'key',
          key: '$substring($, 0, 1)',
          maxChildren: 1,
        },
      },
    );
    expect(out).toEqual([['a1'], ['b1'], ['a2', 'a3']]);
  });

  test('params that do not fit a child fail the Carousel, naming the child', async () => {
    const failure = (await runComponent(
      Carousel,
      { in: [1] },
      { params: { child: '@plexus/components#Take', params: { count: 'x' } } },
    ).catch((error: unknown) => error)) as Error;
    expect(failure.message).toContain("component 'Carousel-1' (Take)");
  });
});
