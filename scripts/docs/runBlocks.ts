/**
 * Runs documentation blocks as a reader would: each block's project is written to its hidden
 * folder, run with Node (`node --import @plexus/host/register main.ts`), and removed. What
 * it printed is compared with the page's `output` block, if it has one.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type CodeBlock, root } from './codeBlocks.ts';
import { blockRoot, projectFiles } from './typecheckBlocks.ts';

/**
 * Runs use the built packages when there are (as a reader's install has them, and twice as
 * fast to start), else the TypeScript sources: a fresh clone's `pnpm test` needs no build.
 */
const built = existsSync(join(root, 'packages', 'core', 'dist', 'index.js'));

/** How one run went. */
export interface RunResult {
  readonly where: string;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Why it does not pass, in a sentence; undefined when it passes. */
  readonly problem: string | undefined;
}

/** True when `actual` is what `shown` shows: lines equal but for trailing spaces; `…` is any lines. */
export function matchesOutput(actual: string, shown: string): boolean {
  const lines = (text: string) =>
    text
      .replace(/\s+$/, '')
      .split('\n')
      .map((l) => l.trimEnd());
  const pattern = lines(shown)
    .map((line) => (line === '…' ? '[\\s\\S]*?' : line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('\\n')
    .replace(/\\n\[\\s\\S\]\*\?\\n/g, '(?:\\n[\\s\\S]*?)?\\n');
  return new RegExp(`^${pattern}$`).test(lines(actual).join('\n'));
}

/** Runs one block; resolves how it went (never rejects). */
export function runBlock(block: CodeBlock, index: number, timeoutMs = 30_000): Promise<RunResult> {
  const at = blockRoot(block, index);
  rmSync(at, { recursive: true, force: true });
  for (const [path, text] of projectFiles(block, index)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  const args = [
    ...(built ? [] : ['--conditions=@plexus/source']),
    '--import',
    join(root, 'scripts', 'register-ts.mjs'),
    join(at, block.file),
  ];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      {
        cwd: at,
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        env: { ...process.env, NO_COLOR: '1' },
      },
      (error, stdout, stderr) => {
        rmSync(at, { recursive: true, force: true });
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        let problem: string | undefined;
        if (error?.killed) problem = `it did not finish within ${timeoutMs / 1000} s`;
        else if (code !== 0) problem = `it exited with code ${code}:\n${stderr}`;
        else if (block.output !== undefined && !matchesOutput(stdout, block.output)) {
          problem = `it printed\n${stdout}\nbut the page shows\n${block.output}`;
        }
        resolve({ where: block.where, code, stdout, stderr, problem });
      },
    );
  });
}

/** Runs blocks, `parallel` at a time, in order of the list. */
export async function runBlocks(
  blocks: readonly CodeBlock[],
  parallel = 2,
): Promise<Map<CodeBlock, RunResult>> {
  const results = new Map<CodeBlock, RunResult>();
  const queue = blocks.map((block, index) => ({ block, index })).filter(({ block }) => block.run);
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      results.set(next.block, await runBlock(next.block, next.index));
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}
