/**
 * Keeps one idle instance of each class a message passes through alive for the whole program,
 * so that V8's hidden classes for them outlive any one graph.
 *
 * V8 links the hidden classes (maps) of a class's instances to its constructor only weakly.
 * Once a finished graph is garbage, a full collection can free them all; the next graph then
 * gets new maps, and the optimised hop (`wait`, `recv`, `trySend`, `push`, `take`), compiled
 * against the old ones, is thrown away mid-run and relearnt, field by field. A program that
 * runs graph after graph (a test suite, a job runner, a benchmark) would pay that every time.
 * The instances kept here hold no graph: their network and scope are absent.
 */
import type { ComponentDefinition } from '../Definition.ts';
import type { BoxSpec } from '../types.ts';
import { ComponentRun } from './ComponentRun.ts';
import { ContextImpl } from './ContextImpl.ts';
import { Link } from './Link.ts';
import type { RunScope } from './Run.ts';

let kept: readonly object[] | undefined;

/** Make the kept instances, once (on the first graph). */
export function keepShapes(): void {
  if (kept !== undefined) return;
  const spec = { description: '' } as BoxSpec;
  const definition = {
    kind: 'component',
    name: 'Shape',
    description: 'Never runs: keeps the hidden classes of components alive.',
    inboxes: { in: spec },
    outboxes: { out: spec },
  } as unknown as ComponentDefinition;
  const run = new ComponentRun(null as unknown as RunScope, 'shape', definition, {}, {});
  const link = new Link(0, run.outboxes.out!, run.inboxes.in!, 1);
  kept = [run, link, new ContextImpl(run), run.inbox('in'), run.outbox('out')];
}
