import { describe, expect, test } from '@jest/globals';
import { fromErrorData, isPlexusError, PlexusError, runComponent, toErrorData } from '@plexus/core';
import { sourceFrame } from '@plexus/scenarios';
import { FailOn } from '@plexus/scenarios/components';

describe('errors as data', () => {
  test('a component failure survives toErrorData/fromErrorData: code, facts, message, stack and cause', async () => {
    const failure = await runComponent(FailOn, { in: [1, 2] }, { params: { value: 2 } }).catch(
      (e: Error) => e,
    );
    const data = toErrorData(failure);
    const copy = structuredClone(data);
    expect(copy).toMatchObject({
      name: 'PlexusError',
      code: 'ERR_COMPONENT_FAILED',
      component: 'FailOn',
      type: 'FailOn',
      backend: 'inline',
      box: 'in',
      involved: '2',
      cause: { name: 'RangeError', message: 'refusing 2' },
    });
    const rebuilt = fromErrorData(copy);
    expect(isPlexusError(rebuilt, 'ERR_COMPONENT_FAILED')).toBe(true);
    expect(rebuilt.message).toBe((failure as Error).message);
    expect(rebuilt.stack).toBe((failure as Error).stack);
    expect((rebuilt.cause as Error).message).toBe('refusing 2');
  });

  test('the failure stack leads to the line in the component that threw', async () => {
    const failure = (await runComponent(FailOn, { in: [2] }, { params: { value: 2 } }).catch(
      (e: Error) => e,
    )) as Error;
    expect(failure.stack?.split('\n')[1]).toContain(
      `scenarios/src/${sourceFrame('new RangeError(`refusing')})`,
    );
  });

  test('isPlexusError matches on code, so it works for errors rebuilt from another thread', () => {
    const foreign = Object.assign(new Error('x'), { code: 'ERR_STOPPED' });
    expect(isPlexusError(foreign)).toBe(true);
    expect(isPlexusError(foreign, 'ERR_STOPPED')).toBe(true);
    expect(isPlexusError(foreign, 'ERR_SCHEMA')).toBe(false);
    expect(isPlexusError(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(false);
    expect(isPlexusError(new PlexusError('ERR_SCHEMA', 'x'))).toBe(true);
  });

  test('plain values become error data too', () => {
    expect(toErrorData('boom')).toEqual({ name: 'Error', message: 'boom' });
    expect(fromErrorData({ name: 'TypeError', message: 'bad' })).toMatchObject({
      name: 'TypeError',
      message: 'bad',
    });
  });
});

describe('isPlexusError', () => {
  test('matches a code of another package by value, also after crossing as data', () => {
    const error = Object.assign(new Error("Component 'read' could not open 'x'."), {
      code: 'ERR_FILE_OPEN',
    });
    const crossed = fromErrorData(toErrorData(error));
    for (const e of [error, crossed]) {
      expect(isPlexusError(e, 'ERR_FILE_OPEN')).toBe(true);
      expect(isPlexusError(e, 'ERR_DEADLOCK')).toBe(false);
      expect(isPlexusError(e)).toBe(true);
    }
    expect(isPlexusError(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(false);
  });
});
