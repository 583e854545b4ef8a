import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { graph } from '@plexus/core';
import { collectInto, WatchFile } from '../../src/index.ts';
import { tempDir, until } from '../helpers.ts';

describe('WatchFile', () => {
  const dir = tempDir();

  test('announces what is there, then each change, and ends after count', async () => {
    writeFileSync(join(dir, 'a.txt'), 'a');
    const seen: { event: string; path: string }[] = [];
    const ready: boolean[] = [];
    const g = graph('watch');
    const w = g.add('watch', WatchFile, { params: { paths: dir, count: 4 } });
    g.link(w.outbox('out'), g.add('seen', collectInto(seen)).inbox('in'));
    g.link(w.outbox('ready'), g.add('ready', collectInto(ready)).inbox('in'));
    const done = g.run({ deadlockTimeout: false });
    await until(() => ready.length > 0);
    writeFileSync(join(dir, 'b.txt'), 'b');
    await until(() => seen.some((e) => e.path.endsWith('b.txt')));
    writeFileSync(join(dir, 'a.txt'), 'changed');
    await done;
    expect(seen).toEqual([
      { event: 'addDir', path: dir },
      { event: 'add', path: join(dir, 'a.txt') },
      { event: 'add', path: join(dir, 'b.txt') },
      { event: 'change', path: join(dir, 'a.txt') },
    ]);
  });
});
