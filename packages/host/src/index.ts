/**
 * @plexus/host — Node.js support for running Plexus components off the main thread.
 *
 * @packageDocumentation
 */
export { checkPlacement } from './checkPlacement.ts';
export { fromSource, hostExecArgv, useTypeScript } from './execArgv.ts';
export { loadDefinitions } from './loadDefinitions.ts';
