import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runComponent } from '@plexus/core';
import { Shout } from '../src/shout.ts';

test('Shout upper-cases each word and marks it', async () => {
  const { out } = await runComponent(Shout, { in: ['hello', 'flow'] }, { params: { mark: '?' } });
  assert.deepEqual(out, ['HELLO?', 'FLOW?']);
});

test('Shout ends when its input ends', async () => {
  const { out } = await runComponent(Shout, { in: [] });
  assert.deepEqual(out, []);
});
