/**
 * Unit-death scenarios, part of the scenario suite: a worker thread or child process that dies
 * — `process.exit`, out of memory under its cap, an exit while its modules are imported — fails
 * the run with `ERR_UNIT_DIED`, saying what happened, even in a program where nothing else
 * keeps the event loop alive. Under jest something always does, so the graphs run in a
 * program of their own (programs/unitDeaths.ts). Inline there is nothing to test: a component
 * that exits the main thread ends the program, as it asked.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import type { ScenarioTarget } from './ScenarioTarget.ts';

const root = resolve(__dirname, '..', '..', '..');
const program = resolve(__dirname, 'programs', 'unitDeaths.ts');

export function deathScenarios(target: ScenarioTarget): void {
  const backend = target.place('unit').backend ?? 'inline';
  // On nats a unit runs on a node agent the program below cannot reach (it would need a NATS
  // server and node agents): @plexus/nats tests its unit deaths itself (failures.test.ts).
  if (backend === 'inline' || backend === 'nats') return;
  // The graphs have one unit: placed mixed, the same program runs in the suite of that backend.
  if (target.mixed === true) return;
  const where = backend === 'worker' ? 'worker thread \\d+' : 'process \\d+';
  describe(`a unit that dies, placed ${target.name}`, () => {
    test('fails its run with ERR_UNIT_DIED saying how, though nothing else keeps the program alive', () => {
      const ran = spawnSync(
        process.execPath,
        ['--conditions=@plexus/source', '--import', '@plexus/host/register', program, backend],
        { cwd: root, encoding: 'utf8', timeout: 60_000 },
      );
      const lines = ran.stdout.trim().split('\n');
      expect(lines).toEqual([
        expect.stringMatching(
          new RegExp(
            `^exit: ERR_UNIT_DIED: The ${where} running 'unit' \\(ExitAt\\) exited with code 3 before its components had finished\\.$`,
          ),
        ),
        expect.stringMatching(
          new RegExp(
            `^memory: ERR_UNIT_DIED: The ${where} running 'unit' \\(Hog\\) ran out of memory \\(.+\\) before its components had finished\\.$`,
          ),
        ),
        expect.stringMatching(
          new RegExp(
            `^import: ERR_UNIT_DIED: The ${where} running 'unit' \\(Quiet\\) exited with code 5 while it was starting\\.$`,
          ),
        ),
      ]);
      expect(ran.status).toBe(0);
    }, 90_000);
  });
}
