/**
 * Which supervisor handles a component's crashes, found from where it was added: its own
 * policy, else that of the nearest enclosing composite with one, else the graph's. Supervisors
 * are made once, when first needed, and kept on what declared them.
 */
import type { Run, RunScope } from '../Run.ts';
import { Supervisor } from './Supervisor.ts';

export function supervisorOf(run: Run): Supervisor | undefined {
  const cached = run.supervisor;
  let supervisor = cached instanceof Supervisor || cached === null ? cached : undefined;
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
function enclosing(scope: RunScope): Supervisor | undefined {
  for (let at: RunScope | undefined = scope; at !== undefined; at = at.owner?.parentScope) {
    const owner = at.owner;
    if (owner === undefined) {
      const net = at.net;
      if (net.supervise === undefined) return undefined;
      const top = at;
      const made =
        net.supervisor instanceof Supervisor
          ? net.supervisor
          : new Supervisor(
              net.supervise,
              `the restart policy of graph '${net.name}'`,
              () => membersOf(top),
              () => undefined,
            );
      net.supervisor = made;
      return made;
    }
    if (owner.supervise !== undefined) {
      const inner = owner.scope;
      const parent = owner.parentScope;
      const made =
        owner.supervisor instanceof Supervisor
          ? owner.supervisor
          : new Supervisor(
              owner.supervise,
              `the restart policy of composite '${owner.name}'`,
              () => membersOf(inner),
              () => enclosing(parent),
            );
      owner.supervisor = made;
      return made;
    }
  }
  return undefined;
}

/** A scope's members: components, supervised composites whole, other composites opened up. */
function membersOf(scope: RunScope): Run[][] {
  const members: Run[][] = [];
  for (const child of scope.children.values()) {
    if (!('parentScope' in child)) members.push([child]);
    else if (child.supervise !== undefined) members.push([...leavesOf(child.scope)]);
    else members.push(...membersOf(child.scope));
  }
  return members;
}

function* leavesOf(scope: RunScope): Generator<Run> {
  for (const child of scope.children.values()) {
    if ('parentScope' in child) yield* leavesOf(child.scope);
    else yield child;
  }
}
