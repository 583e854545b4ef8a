/**
 * On the main thread, before a worker or process is started: make sure each definition can be
 * imported there. Python's multiprocessing learned the hard way that importing the main
 * script in a child re-runs the program; Plexus refuses, and says what to do instead.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PlannedComponent } from '@plexus/core/backend';
import { notImportable } from './notImportable.ts';

/**
 * Refuses, before a worker or process starts, a placed component that could not be imported
 * there: one defined in the main script (importing it would run the program again) or in no
 * module at all. The error names the component and says to move it into a module of its own.
 *
 * @example
 * ```ts
 * import type { PlannedComponent } from '@plexus/core/backend';
 * import { checkPlacement } from '@plexus/host';
 *
 * export function beforeStart(components: readonly PlannedComponent[]): void {
 *   checkPlacement(components, 'worker'); // throws, naming the component, if one cannot move
 * }
 * ```
 */
export function checkPlacement(components: readonly PlannedComponent[], backend: string): void {
  const main = mainScript();
  for (const component of components) {
    if (component.module === '') {
      throw notImportable(
        component,
        backend,
        'Plexus could not tell which module defines it. Define it at the top level of a module of its own and export it.',
      );
    }
    const file = realpath(component.module);
    if (main !== undefined && file === main) {
      throw notImportable(
        component,
        backend,
        `it is defined in the program's main script (${file}), and importing that on a ${backend} would run the whole program again. Move the definition into a module of its own, export it, and import it here.`,
      );
    }
    if (/\.(test|spec)\.[cm]?[jt]sx?$/.test(file)) {
      throw notImportable(
        component,
        backend,
        `it is defined in a test file (${file}), which cannot be imported outside the test runner. Move the definition into a module of its own and export it.`,
      );
    }
  }
}

function mainScript(): string | undefined {
  const script = process.argv[1];
  return script === undefined ? undefined : realpath(script);
}

function realpath(module: string): string {
  const path = module.startsWith('file:') ? fileURLToPath(module) : module;
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
