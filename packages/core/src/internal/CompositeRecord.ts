/**
 * A composite instance: its own scope of children and a junction per exported box. It is
 * the instance's public handle; its boxes resolve to its junctions.
 */
import type { CompositeDefinition, NodeHandle } from '../Definition.ts';
import type { FullPolicy } from '../SupervisePolicy.ts';
import type { InRef, OutRef, Placement } from '../types.ts';
import type { ComponentRun } from './ComponentRun.ts';
import { Junction } from './LogicalLink.ts';
import { missingBox, PortRef } from './PortRef.ts';
import type { RunScope, ScopeOwner } from './Run.ts';
import type { Supervisor } from './supervision/Supervisor.ts';

/** A composite's own scope, or the one it was added to (a `ScopeImpl`), as its record holds it. */
export interface RecordScope extends RunScope {
  /** Push every component instance in the scope, in the order added. */
  leaves(into: ComponentRun[]): void;
}

export class CompositeRecord implements NodeHandle<CompositeDefinition>, ScopeOwner {
  readonly inJunctions = new Map<string, Junction>();
  readonly outJunctions = new Map<string, Junction>();
  /** The scope `build` fills; set by the parent scope right after construction. */
  scope!: RecordScope;
  /** The restart policy of its children as a group, if it was added with one. */
  supervise: FullPolicy | undefined;
  supervisor: Supervisor | undefined;

  constructor(
    readonly name: string,
    readonly definition: CompositeDefinition,
    readonly params: unknown,
    readonly placement: Placement,
    /** The scope it was added to. */
    readonly parentScope: RecordScope,
  ) {
    for (const [box, spec] of Object.entries(definition.inboxes)) {
      this.inJunctions.set(box, new Junction(`${name}.${box}`, spec));
    }
    for (const [box, spec] of Object.entries(definition.outboxes)) {
      this.outJunctions.set(box, new Junction(`${name}.${box}`, spec));
    }
  }

  /** Seen from outside: a target. */
  inbox(box: string): InRef<any> {
    return new PortRef('in', this.name, box, this.junction('in', box));
  }

  /** Seen from outside: a source. */
  outbox(box: string): OutRef<any> {
    return new PortRef('out', this.name, box, this.junction('out', box));
  }

  junction(dir: 'in' | 'out', box: string): Junction {
    const found = (dir === 'in' ? this.inJunctions : this.outJunctions).get(box);
    if (found === undefined) throw missingBox(dir, this.name, this.definition, box);
    return found;
  }
}
