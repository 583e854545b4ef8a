/** A loaded graph file as a composite definition, so it can be used as a component. */
import { type BoxSpec, type CompositeDefinition, defineGraph } from '@plexus/core';
import type { LoadedGraph } from './loadGraph.ts';
import { type Overrides, populate } from './populate.ts';

export function toDefinition(graph: LoadedGraph, overrides: Overrides = {}): CompositeDefinition {
  const specOf = (ref: string, dir: 'in' | 'out'): BoxSpec => {
    const dot = ref.indexOf('.');
    const component = graph.components.find((c) => c.name === ref.slice(0, dot))!;
    const boxes = (
      dir === 'in' ? component.definition.inboxes : component.definition.outboxes
    ) as Record<string, BoxSpec>;
    return boxes[ref.slice(dot + 1)]!;
  };
  const inboxes: Record<string, BoxSpec> = {};
  for (const [name, inbox] of Object.entries(graph.file.inboxes ?? {})) {
    inboxes[name] = { ...specOf([inbox.to].flat()[0]!, 'in'), description: inbox.description };
  }
  const outboxes: Record<string, BoxSpec> = {};
  for (const [name, outbox] of Object.entries(graph.file.outboxes ?? {})) {
    outboxes[name] = {
      ...specOf([outbox.from].flat()[0]!, 'out'),
      description: outbox.description,
    };
  }
  return defineGraph({
    name: graph.name,
    description: graph.file.description,
    inboxes,
    outboxes,
    build(scope) {
      populate(scope, graph, { ...overrides, params: undefined });
    },
  }) as CompositeDefinition;
}
