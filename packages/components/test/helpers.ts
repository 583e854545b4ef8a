/** Helpers shared by the component tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from '@jest/globals';

/** A fresh directory, removed after the file's tests. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plexus-components-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Resolve once `condition` holds (polling every few ms); jest's timeout bounds it. */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}

/** Milliseconds `work` took. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** A unique backplane name per test, so tests never share one. */
let names = 0;
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${++names}`;
}
