/**
 * create-plexus — a new Plexus project in one command: `npm create plexus@latest my-flow`.
 *
 * @packageDocumentation
 */
export type { CreateOptions } from './createPlexus.ts';
export { createProject } from './createPlexus.ts';
export { main } from './main.ts';
