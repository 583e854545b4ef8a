/** Every graph file the docs show passes `plexus check`, in the folder its page says. */
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@jest/globals';
import { root } from '../codeBlocks.ts';
import { graphBlocks } from '../graphBlocks.ts';

test('every graph file of the docs passes plexus check', async () => {
  const blocks = graphBlocks();
  expect(blocks.length).toBeGreaterThanOrEqual(8);
  const files = blocks.map((block, i) =>
    join(root, block.dir, `.docs-check-${process.pid}-${i}.yaml`),
  );
  blocks.forEach((block, i) => {
    writeFileSync(files[i]!, block.text);
  });
  try {
    const output = await new Promise<string>((resolve) => {
      execFile(
        process.execPath,
        [join(root, 'packages/runner/bin/plexus.mjs'), 'check', ...files],
        { cwd: root },
        (_error, stdout, stderr) => resolve(`${stdout}${stderr}`),
      );
    });
    const problems = blocks
      .map((block, i) => {
        const name = `.docs-check-${process.pid}-${i}.yaml`;
        const lines = output.split('\n').filter((line) => line.includes(name));
        return lines.some((line) => line.endsWith(': ok'))
          ? undefined
          : `${block.where}:\n${lines.join('\n')}`;
      })
      .filter((problem) => problem !== undefined);
    expect(problems).toEqual([]);
  } finally {
    for (const file of files) rmSync(file, { force: true });
  }
}, 120_000);
