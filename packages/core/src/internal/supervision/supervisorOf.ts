/**
 * Which supervisor handles a component's crashes, found from where it was added: its own
 * policy, else that of the nearest enclosing composite with one, else the graph's. Supervisors
 * are made once, when first needed, and kept on what declared them.
 */
import type { ComponentRun } from '../ComponentRun.ts';
import { CompositeRecord } from '../CompositeRecord.ts';
import { ScopeImpl } from '../ScopeImpl.ts';
import { Supervisor } from './Supervisor.ts';

export function supervisorOf(run: ComponentRun): Supervisor | undefined {
  const cached = run.supervisor;
  let supervisor = cached instanceof Supervisor || cached === null ? cached : undefined;
  if (supervisor === undefined) {
    supervisor =
      run.supervise === undefined
        ? enclosing(scopeOf(run))
        : new Supervisor(
            run.supervise,
            `the restart policy of component '${run.name}'`,
            () => [[run]],
            () => enclosing(scopeOf(run)),
          );
    // Only a supervisor found is kept: finding none again is cheap, and keeping "none" would
    // give every instance of a million-component graph an object to hold it.
    if (supervisor !== undefined) run.supervisor = supervisor;
  }
  return supervisor ?? undefined;
}

/** The scope `run` was added to (every run's scope is a ScopeImpl; the run knows it by contract). */
function scopeOf(run: ComponentRun): ScopeImpl | undefined {
  return run.scope instanceof ScopeImpl ? run.scope : undefined;
}

/** The supervisor of the nearest scope, from `scope` outwards, that has a policy. */
function enclosing(scope: ScopeImpl | undefined): Supervisor | undefined {
  for (let at: ScopeImpl | undefined = scope; at !== undefined; at = at.owner?.parentScope) {
    const owner = at.owner;
    if (owner === undefined) {
      const net = at.net;
      if (net.supervise === undefined) return undefined;
      net.supervisor ??= new Supervisor(
        net.supervise,
        `the restart policy of graph '${net.name}'`,
        () => membersOf(at!),
        () => undefined,
      );
      return net.supervisor;
    }
    if (owner.supervise !== undefined) {
      const inner = owner.scope;
      const parent = owner.parentScope;
      owner.supervisor ??= new Supervisor(
        owner.supervise,
        `the restart policy of composite '${owner.name}'`,
        () => membersOf(inner),
        () => enclosing(parent),
      );
      return owner.supervisor;
    }
  }
  return undefined;
}

/** A scope's members: components, supervised composites whole, other composites opened up. */
function membersOf(scope: ScopeImpl): ComponentRun[][] {
  const members: ComponentRun[][] = [];
  for (const child of scope.children.values()) {
    if (!(child instanceof CompositeRecord)) members.push([child]);
    else if (child.supervise !== undefined) members.push([...leavesOf(child.scope)]);
    else members.push(...membersOf(child.scope));
  }
  return members;
}

function* leavesOf(scope: ScopeImpl): Generator<ComponentRun> {
  for (const child of scope.children.values()) {
    if (child instanceof CompositeRecord) yield* leavesOf(child.scope);
    else yield child;
  }
}
