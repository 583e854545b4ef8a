/**
 * Which supervisor handles a component's crashes, found from where it was added: its own
 * policy, else that of the nearest enclosing composite with one, else the graph's. Supervisors
 * are made once, when first needed, and kept on what declared them.
 */
import type { ComponentRun } from '../ComponentRun.ts';
import { CompositeRecord } from '../CompositeRecord.ts';
import type { ScopeImpl } from '../ScopeImpl.ts';
import { Supervisor } from './Supervisor.ts';

export function supervisorOf(run: ComponentRun): Supervisor | undefined {
  let supervisor = run.supervisor;
  if (supervisor === undefined) {
    supervisor =
      run.supervise === undefined
        ? enclosing(run.scope)
        : new Supervisor(
            run.supervise,
            `the restart policy of component '${run.name}'`,
            () => [[run]],
            () => enclosing(run.scope),
          );
    // Only a supervisor found is kept: finding none again is cheap, and keeping "none" would
    // give every instance of a million-component graph an object to hold it.
    if (supervisor !== undefined) run.supervisor = supervisor;
  }
  return supervisor ?? undefined;
}

/** The supervisor of the nearest scope, from `scope` outwards, that has a policy. */
function enclosing(scope: ScopeImpl): Supervisor | undefined {
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
