/**
 * @plexus/core — components with typed inboxes and outboxes, links, composite graphs,
 * checked mode, observation, and the inline backend.
 *
 * @packageDocumentation
 */
/**
 * zod's `z`, re-exported: schemas for boxes and params come from the same import as the
 * components (`import { box, defineComponent, z } from '@plexus/core'`).
 *
 * @example
 * ```ts
 * import { box, z } from '@plexus/core';
 *
 * const words = box(z.string().min(1), 'Words, never empty.');
 * ```
 */
export { z } from 'zod';
export type { AddArgs, AddOptions } from './AddOptions.ts';
export type { BodyResult, Steps } from './BodyResult.ts';
export { box } from './box.ts';
export type { Inboxes, InboxesOf, Outboxes, OutboxesOf } from './boxTypes.ts';
export { answer, answerError, call, serve } from './call.ts';
export type { Call, CallOptions, Reply } from './callMessages.ts';
export { callBox, replyBox } from './callMessages.ts';
export { closestName } from './closestName.ts';
export type {
  ComponentDefinition,
  CompositeDefinition,
  CompositeScope,
  Context,
  Definition,
  NodeHandle,
  Scope,
} from './Definition.ts';
export {
  DEFAULT_CAPACITY,
  DEFAULT_DEADLOCK_TIMEOUT,
  DEFAULT_DRAIN_TIMEOUT,
  DEFAULT_STOP_TIMEOUT,
} from './defaults.ts';
export type { ComponentSpec } from './defineComponent.ts';
export { defineComponent } from './defineComponent.ts';
export type { GraphSpec } from './defineGraph.ts';
export { defineGraph } from './defineGraph.ts';
export type {
  Handler,
  HandlersSpec,
  TaggedMessage,
  TaggedSchema,
  TagShapes,
} from './defineHandlers.ts';
export { defineHandlers, tagged } from './defineHandlers.ts';
export type { ErrorCode, ErrorData, ErrorFacts } from './errors.ts';
export { fromErrorData, isPlexusError, PlexusError, toErrorData } from './errors.ts';
export type { GraphOptions } from './graph.ts';
export { Graph, graph } from './graph.ts';
export type {
  InspectedGraph,
  InspectedRun,
  RunInspector,
  TapOptions,
  TapSample,
} from './inspect.ts';
export type { BoxesFor, NoParams, ParamBoxes, ParamsInput } from './paramTypes.ts';
export type { GraphEventSource } from './RunContext.ts';
export type { Inputs, Outputs, RunComponentOptions } from './runComponent.ts';
export { runComponent } from './runComponent.ts';
export type { RunOptions } from './runOptions.ts';
export type { RestartStrategy, SupervisePolicy } from './SupervisePolicy.ts';
export { specialize } from './specialize.ts';
export type { StopOptions } from './stopOptions.ts';
export { schemaJson, typeName } from './typeName.ts';
export type {
  BackendName,
  BoxSpec,
  BoxSpecs,
  ComponentInfo,
  ComponentState,
  GraphEvents,
  GraphStats,
  Inbox,
  InRef,
  LinkHandle,
  LinkInfo,
  LinkOptions,
  Match,
  Matched,
  MessageOf,
  Outbox,
  OutRef,
  ParamsSchema,
  Placement,
  ReceiveOptions,
  RunResult,
  SendOptions,
  TransferList,
} from './types.ts';
