/**
 * @plexus/inspector — watch a graph run in the browser: `graph.run({ inspect: inspector() })`
 * (or `plexus run --inspect`) serves a live page of the run on this machine. Also the drawing
 * of a graph's shape that `plexus draw` renders.
 *
 * @packageDocumentation
 */
export type { InspectorErrorCode } from './errors.ts';
export { InspectorError } from './errors.ts';
export type { InspectorOptions } from './Inspector.ts';
export { Inspector, inspector } from './Inspector.ts';
export type { GraphShape, ShapeEdge, ShapeNode } from './layout/graphShape.ts';
export { BACKEND_COLORS, drawnBackends, shapeOf, shapeOfStats } from './layout/graphShape.ts';
export type { DotOptions } from './layout/toDot.ts';
export { toDot } from './layout/toDot.ts';
export type {
  End,
  Failure,
  Hello,
  Layout,
  LayoutCluster,
  LayoutEdge,
  LayoutNode,
  LinkTick,
  LogEntry,
  RunStatus,
  Snapshot,
  TapBounds,
  TapEvent,
  Tick,
} from './protocol.ts';
