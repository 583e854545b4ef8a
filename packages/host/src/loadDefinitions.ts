/**
 * In a worker thread or child process: import each planned component's module and find the
 * export that is its definition. TypeScript modules compile on import through the hooks of
 * this package. Failures say exactly what to change.
 */
import { pathToFileURL } from 'node:url';
import type { ComponentDefinition } from '@plexus/core';
import type { PlannedComponent } from '@plexus/core/backend';
import { useTypeScript } from './execArgv.ts';
import { notImportable } from './notImportable.ts';

/**
 * Loads a module's exports; by default `import()`, compiling TypeScript on the way.
 *
 * A backend that gets its modules some other way (from a bundle, from an object store) passes
 * its own to {@link loadDefinitions}, which asks it once per module and then looks each
 * definition up by its export name.
 *
 * @example
 * ```ts
 * import type { UnitPlan } from '@plexus/core/backend';
 * import { loadDefinitions, type ModuleLoader } from '@plexus/host';
 *
 * const bundles = new Map<string, Record<string, unknown>>();
 * const fromBundles: ModuleLoader = async (module) => {
 *   const exports = bundles.get(module);
 *   if (exports === undefined) throw new Error(`no bundle of ${module}; ship it first`);
 *   return exports;
 * };
 * export const definitionsOf = (plan: UnitPlan) => loadDefinitions(plan.components, 'worker', fromBundles);
 * ```
 */
export type ModuleLoader = (module: string) => Promise<Record<string, unknown>>;

/**
 * Definitions by instance name.
 *
 * @example
 * ```ts
 * import type { UnitPlan } from '@plexus/core/backend';
 * import { loadDefinitions } from '@plexus/host';
 *
 * export async function definitionsOf(plan: UnitPlan) {
 *   const definitions = await loadDefinitions(plan.components, 'worker');
 *   return definitions; // instance name -> definition, imported by module and export name
 * }
 * ```
 */
export async function loadDefinitions(
  components: readonly PlannedComponent[],
  backend: string,
  load: ModuleLoader = importModule,
): Promise<Map<string, ComponentDefinition>> {
  const modules = new Map<string, Promise<Record<string, unknown>>>();
  const definitions = new Map<string, ComponentDefinition>();
  for (const component of components) {
    let module = modules.get(component.module);
    if (module === undefined) {
      module = load(component.module);
      modules.set(component.module, module);
    }
    let exports: Record<string, unknown>;
    try {
      exports = await module;
    } catch (error) {
      throw notImportable(
        component,
        backend,
        `importing ${component.module} failed: ${(error as Error).message}`,
      );
    }
    definitions.set(component.name, findExport(component, backend, exports));
  }
  return definitions;
}

function findExport(
  component: PlannedComponent,
  backend: string,
  exports: Record<string, unknown>,
): ComponentDefinition {
  const matches = Object.entries(exports).filter(
    ([, value]) =>
      typeof value === 'object' &&
      value !== null &&
      (value as { kind?: unknown }).kind === 'component' &&
      (value as { name?: unknown }).name === component.type,
  );
  if (matches.length === 0) {
    throw notImportable(
      component,
      backend,
      `${component.module} has no export that is the definition '${component.type}'. Export it from that module (export const ${component.type} = defineComponent(…)); a definition made inside a function cannot be found by another thread.`,
    );
  }
  const distinct = new Set(matches.map(([, value]) => value));
  if (distinct.size > 1) {
    throw notImportable(
      component,
      backend,
      `${component.module} exports several definitions named '${component.type}' (${matches.map(([key]) => key).join(', ')}). Give each definition a distinct name.`,
    );
  }
  return matches[0]![1] as ComponentDefinition;
}

function importModule(module: string): Promise<Record<string, unknown>> {
  if (/\.[cm]?tsx?$/.test(module)) useTypeScript();
  return import(module.startsWith('file:') ? module : pathToFileURL(module).href) as Promise<
    Record<string, unknown>
  >;
}
