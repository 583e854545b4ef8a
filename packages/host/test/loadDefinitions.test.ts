import { resolve } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { isPlexusError } from '@plexus/core';
import { checkPlacement, loadDefinitions } from '@plexus/host';

const fixture = (name: string) => resolve(__dirname, 'fixtures', name);
const planned = (name: string, type: string, module: string) => ({
  name,
  type,
  module,
  params: {},
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(isPlexusError(error, 'ERR_NOT_IMPORTABLE')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected ERR_NOT_IMPORTABLE');
}

describe('loadDefinitions', () => {
  test('finds each definition among its module’s exports, by its name', async () => {
    const found = await loadDefinitions(
      [planned('a', 'Plain', fixture('modules.ts')), planned('b', 'Plain', fixture('modules.ts'))],
      'worker',
    );
    expect(found.get('a')?.name).toBe('Plain');
    expect(found.get('b')).toBe(found.get('a'));
  });

  test('explains a definition its module does not export', async () => {
    expect(
      await refusal(loadDefinitions([planned('x', 'Missing', fixture('modules.ts'))], 'worker')),
    ).toContain(
      "modules.ts has no export that is the definition 'Missing'. Export it from that module (export const Missing = defineComponent(…))",
    );
  });

  test('explains two definitions sharing a name', async () => {
    expect(
      await refusal(loadDefinitions([planned('x', 'Twin', fixture('modules.ts'))], 'process')),
    ).toContain(
      "exports several definitions named 'Twin' (twinA, twinB). Give each definition a distinct name.",
    );
  });

  test('explains a module that fails to import', async () => {
    expect(
      await refusal(loadDefinitions([planned('x', 'Any', fixture('throws.ts'))], 'worker')),
    ).toContain('throws.ts failed: this module cannot be imported');
  });
});

describe('checkPlacement', () => {
  test("refuses a definition from the program's main script, which a worker would run again", () => {
    const saved = process.argv[1];
    process.argv[1] = fixture('modules.ts');
    try {
      expect(() =>
        checkPlacement([planned('p', 'Plain', fixture('modules.ts'))], 'worker'),
      ).toThrow("it is defined in the program's main script");
    } finally {
      process.argv[1] = saved!;
    }
  });

  test('refuses a definition whose module is unknown', () => {
    expect(() => checkPlacement([planned('p', 'Plain', '')], 'worker')).toThrow(
      'Plexus could not tell which module defines it.',
    );
  });
});
