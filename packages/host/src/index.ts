/**
 * @plexus/host — Node.js support for running Plexus components off the main thread.
 *
 * @packageDocumentation
 */
export type { HostBundle, HostBundleSpec } from './bundleHost.ts';
export { bundleHost, writeHostBundle } from './bundleHost.ts';
export { checkPlacement } from './checkPlacement.ts';
export type { Remote } from './comlink.ts';
export { expose, nodeEndpoint, proxy, releaseProxy, transfer, wrap } from './comlink.ts';
export {
  cpuProfileArgv,
  fromSource,
  hostExecArgv,
  hostsFromBuild,
  useTypeScript,
} from './execArgv.ts';
export type { ModuleLoader } from './loadDefinitions.ts';
export { loadDefinitions } from './loadDefinitions.ts';
export { mapStacks } from './mappedStacks.ts';
export { openPlan } from './openPlan.ts';
export type { SpareHost, SparePoolOptions } from './SparePool.ts';
export { SparePool } from './SparePool.ts';
export { openEndpoint, socketEndpoint } from './socketEndpoint.ts';
