/**
 * Sandbox scenarios, part of the scenario suite: a component that asks for a permission
 * sandbox (`options.permissions`) runs sandboxed or does not run. Where its placement can
 * enforce the sandbox (a child process) it reads what it is allowed and is denied the rest,
 * also after a supervised restart; anywhere else, add() refuses it and says why.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import {
  type AddOptions,
  type Definition,
  type Graph,
  graph,
  isPlexusError,
  type RunOptions,
} from '@plexus/core';
import { collector } from './collector.ts';
import { Emit } from './components.ts';
import type { ScenarioTarget } from './ScenarioTarget.ts';
import { ReadPaths } from './sandbox.ts';

export function sandboxScenarios(target: ScenarioTarget): void {
  const run = (g: Graph, options: RunOptions = {}) =>
    g.run({ checked: true, ...target.runOptions, ...options });
  const placed = target.place('reader');
  const enforced = placed.backend === 'process';
  const files = () => {
    const dir = mkdtempSync(join(tmpdir(), 'plexus-sandbox-'));
    const allowed = join(dir, 'public.txt');
    const secret = join(tmpdir(), `plexus-secret-${process.pid}-${Date.now()}.txt`);
    writeFileSync(allowed, 'public words');
    writeFileSync(secret, 'hunter2');
    return { dir, allowed, secret };
  };
  /** The reader, placed as the target places it, with a sandbox allowing only `dir`. */
  const reader = (g: Graph, dir: string, options: AddOptions<Definition> = {}) =>
    g.add('reader', ReadPaths, {
      ...placed,
      options: { ...placed.options, permissions: { read: [dir] } },
      ...options,
    });

  describe(`sandboxes, placed ${target.name}`, () => {
    test(
      enforced
        ? 'a sandboxed component reads what it is allowed and is denied the rest'
        : 'a component that asks for a sandbox its backend cannot enforce is refused at add()',
      async () => {
        const { dir, allowed, secret } = files();
        const g = graph('sandbox');
        const items: unknown[] = [];
        if (!enforced) {
          const refused = (() => {
            try {
              reader(g, dir);
            } catch (error) {
              return error;
            }
            return undefined;
          })();
          expect(isPlexusError(refused, 'ERR_BAD_PLACEMENT')).toBe(true);
          expect((refused as Error).message).toMatch(
            new RegExp(
              `^Component 'reader' \\(ReadPaths\\) asks for a permission sandbox \\(options\\.permissions\\), but it is placed on backend '${placed.backend ?? 'inline'}', which cannot enforce one`,
            ),
          );
          return;
        }
        // What it read before a denial may not reach the sink (the failure stops the graph at
        // once), so the allowed read and the denied one run apart.
        g.pipeline(
          g.add('paths', Emit, { params: { items: [allowed] } }),
          reader(g, dir),
          g.add('sink', collector(items)),
        );
        await expect(run(g)).resolves.toEqual({ status: 'completed' });
        expect(items).toEqual(['public words']);
        const denied = graph('sandbox-denied');
        denied.pipeline(
          denied.add('paths', Emit, { params: { items: [secret] } }),
          reader(denied, dir),
          denied.add('sink', collector([])),
        );
        const failed = await run(denied).catch((error: Error) => error);
        expect((failed as Error).message).toMatch(
          /was denied FileSystemRead access to .*plexus-secret-/,
        );
      },
    );

    if (enforced) {
      test('a supervised sandboxed component is still sandboxed after it restarts', async () => {
        const { dir, secret } = files();
        const g = graph('sandbox-restart');
        const items: unknown[] = [];
        const errors: string[] = [];
        g.on('component:restart', (_, error) => errors.push(error.message));
        g.pipeline(
          g.add('paths', Emit, { params: { items: ['crash', secret] } }),
          reader(g, dir, { supervise: { maxRestarts: 1 } }),
          g.add('sink', collector(items)),
        );
        const failed = await run(g).catch((error: Error) => error);
        expect(errors).toEqual([expect.stringContaining('crashed on purpose')]);
        expect(isPlexusError(failed, 'ERR_RESTART_LIMIT')).toBe(true);
        expect((failed as Error).message).toMatch(/was denied FileSystemRead access/);
        expect(items).toEqual([]);
      });
    }
  });
}
