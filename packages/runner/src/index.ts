/**
 * @plexus/runner — graph files: load, check, build, draw and convert them from code, as the
 * `plexus` command does.
 *
 * @packageDocumentation
 */

export type { NodeRedNode } from './convert/fromNodeRed.ts';
export { fromNodeRed } from './convert/fromNodeRed.ts';
export type { Conversion } from './convert/fromNoflo.ts';
export { fromNoflo, parseFbp } from './convert/fromNoflo.ts';
export type { NofloJson } from './convert/toNoflo.ts';
export { toNoflo } from './convert/toNoflo.ts';
export { type Diagnostic, formatDiagnostic, GraphFileError } from './diagnostics.ts';
export { GraphFile } from './file/graphFileSchema.ts';
export type { LoadedGraph } from './file/LoadedGraph.ts';
export type { LoadOptions, LoadResult } from './file/loadGraph.ts';
export { loadGraph } from './file/loadGraph.ts';
export type { Overrides } from './file/populate.ts';
export { populate } from './file/populate.ts';
export { main } from './main.ts';
export type { Described } from './reference/describeDefinition.ts';
export { describeDefinition } from './reference/describeDefinition.ts';
export { graphFileJsonSchema, graphFileReference } from './reference/graphFileReference.ts';
export { schemaPath } from './schemaPath.ts';
