/**
 * The permission sandbox says exactly what it guards: allow-lists hold through symbolic links
 * (an allowed folder that is a link is the folder it leads to; a link inside one that leads
 * outside refuses the start, naming it), every denial names the access, and a placement may
 * list the environment variables its component sees.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from '@jest/globals';
import { graph, isPlexusError, type Placement } from '@plexus/core';
import { liveProcesses, processBackend } from '@plexus/process';
import { collector } from '@plexus/scenarios';
import { Emit } from '@plexus/scenarios/components';
import { ReadFile } from './fixtures/components.ts';
import { MakeLink, ReadEnv } from './fixtures/sandboxed.ts';

const backends = [processBackend()];
const scratch = mkdtempSync(join(tmpdir(), 'plexus-sandbox-test-'));
const inside = join(scratch, 'allowed');
const outside = join(scratch, 'outside');
mkdirSync(join(inside, 'deep'), { recursive: true });
mkdirSync(outside);
writeFileSync(join(inside, 'open.txt'), 'you may read this');
writeFileSync(join(outside, 'secret.txt'), 'secret');

afterEach(() => expect(liveProcesses()).toBe(0));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Run `definition` in a sandboxed process on `items`; what it sent, or the run's error. */
async function sandboxed(
  definition: Parameters<ReturnType<typeof graph>['add']>[1],
  items: unknown[],
  options: Placement['options'],
  params: Record<string, unknown> = {},
): Promise<unknown[] | (Error & Record<string, unknown>)> {
  const g = graph();
  const out: unknown[] = [];
  g.pipeline(
    g.add('items', Emit, { params: { items } }),
    g.add('probe', definition, { backend: 'process', options, params }),
    g.add('sink', collector(out)),
  );
  try {
    await g.run({ backends });
    return out;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
}

describe('symbolic links and the allow-lists', () => {
  test('a link inside an allowed folder that leads outside refuses the start, naming the link and where it leads', async () => {
    const link = join(inside, 'deep', 'passwd');
    symlinkSync(join(outside, 'secret.txt'), link);
    try {
      const result = await sandboxed(ReadFile, [link], { permissions: { read: [inside] } });
      expect(isPlexusError(result, 'ERR_BAD_PLACEMENT')).toBe(true);
      expect((result as Error).message).toBe(
        `The permission sandbox of 'probe' (ReadFile) lets it read ${inside}, but ${link} there is a symbolic link to ${join(outside, 'secret.txt')}, outside what it may read; Node's permission model checks the path a component names, not where a link leads, so the link would let it read there. Remove the link, or add ${join(outside, 'secret.txt')} to options.permissions.read if it should read it.`,
      );
    } finally {
      rmSync(link);
    }
  });

  test('a link that leads to another allowed path is no escape', async () => {
    const link = join(inside, 'also-open');
    symlinkSync(join(outside, 'secret.txt'), link);
    try {
      const read = [inside, join(outside, 'secret.txt')];
      await expect(sandboxed(ReadFile, [link], { permissions: { read } })).resolves.toEqual([
        'secret',
      ]);
    } finally {
      rmSync(link);
    }
  });

  test('an allowed folder that is itself a link allows the folder it leads to, by either name', async () => {
    const alias = join(scratch, 'alias');
    symlinkSync(inside, alias);
    try {
      const paths = [join(alias, 'open.txt'), join(inside, 'open.txt')];
      await expect(sandboxed(ReadFile, paths, { permissions: { read: [alias] } })).resolves.toEqual(
        ['you may read this', 'you may read this'],
      );
    } finally {
      rmSync(alias);
    }
  });
});

describe('a denial', () => {
  test('of a symbolic link names the call that was refused', async () => {
    const result = await sandboxed(
      MakeLink,
      ['/etc/passwd'],
      { permissions: { read: [inside], write: [inside] } },
      { at: join(inside, 'made') },
    );
    expect(isPlexusError(result, 'ERR_COMPONENT_FAILED')).toBe(true);
    expect((result as Error).message).toMatch(
      /^Component 'probe' \(MakeLink, process \d+\) was denied the call fs\.symlink\(\) by its permission sandbox: Node's permission model allows fs\.symlink only with FileSystemRead and FileSystemWrite access to every path/,
    );
  });
});

describe('the environment of a sandboxed component', () => {
  const names = ['PLEXUS_SANDBOX_SHOWN', 'PLEXUS_SANDBOX_HIDDEN', 'PLEXUS_SANDBOX_ADDED'];
  process.env.PLEXUS_SANDBOX_SHOWN = 'shown';
  process.env.PLEXUS_SANDBOX_HIDDEN = 'hidden';

  test('holds only the variables permissions.env lists, and those options.env sets', async () => {
    const result = await sandboxed(ReadEnv, names, {
      permissions: { env: ['PLEXUS_SANDBOX_SHOWN'] },
      env: { PLEXUS_SANDBOX_ADDED: 'added' },
    });
    expect(result).toEqual([
      ['PLEXUS_SANDBOX_SHOWN', 'shown'],
      ['PLEXUS_SANDBOX_HIDDEN', null],
      ['PLEXUS_SANDBOX_ADDED', 'added'],
    ]);
  });

  test('is the whole of the parent’s without permissions.env (the sandbox does not restrict it)', async () => {
    const result = await sandboxed(ReadEnv, names, { permissions: { read: [inside] } });
    expect(result).toEqual([
      ['PLEXUS_SANDBOX_SHOWN', 'shown'],
      ['PLEXUS_SANDBOX_HIDDEN', 'hidden'],
      ['PLEXUS_SANDBOX_ADDED', null],
    ]);
  });
});
