/**
 * Supervision across places. A restart happens in one place — the main thread, or one worker
 * or process — so a group whose strategy restarts several members together must run in one
 * place; a one-for-one group may spread, each place restarting its own members (and counting
 * their restarts). This checks that before a run, and writes each unit's part of the
 * supervisors into its plan.
 */
import type { PlannedSupervisor } from '../../backend/UnitPlan.ts';
import { Errors } from '../../errors.ts';
import type { Run } from '../Run.ts';
import type { Supervisor } from './Supervisor.ts';

/** Throws `ERR_BAD_SUPERVISION` if a group that restarts members together spans places. */
/** What planning supervision needs of the network: who supervises each component. */
interface SupervisionHost {
  supervisorOf(run: Run): Supervisor | undefined;
}

export function checkSupervision(net: SupervisionHost, leaves: readonly Run[]): void {
  const seen = new Set<Supervisor>();
  for (const leaf of leaves) {
    for (let s = net.supervisorOf(leaf); s !== undefined && !seen.has(s); s = s.parent()) {
      seen.add(s);
      if (s.policy.strategy === 'one-for-one') continue;
      const places = new Map<string, string>();
      for (const run of s.members().flat()) places.set(placeOf(run), run.name);
      if (places.size < 2) continue;
      const where = [...places].map(([place, name]) => `'${name}' ${place}`).join(', ');
      throw Errors.badSupervision(
        s.label.replace('the restart policy of ', ''),
        `its strategy ${s.policy.strategy} restarts members together, and a restart happens in one place, but they run in different places (${where}); place the group's members together (a composite's placement applies to all its children), or use one-for-one`,
      );
    }
  }
}

/** Where planUnits will put it: inline, a (backend, group) unit, or replicas of their own. */
function placeOf(run: Run): string {
  const { backend = 'inline', group, replicas = 1 } = run.placement;
  if (backend === 'inline') return 'inline';
  if (replicas > 1) return `in ${replicas} replicas on ${backend}`;
  return `on ${backend} '${group ?? run.name}'`;
}

/**
 * The supervisors a unit needs, for the plan: for each of `runs`, its supervisor and those
 * enclosing it, each with the members that run in the unit (`nameOf` gives a component's
 * name in the unit, `undefined` if it runs elsewhere).
 */
export function planSupervision(
  net: SupervisionHost,
  runs: readonly Run[],
  nameOf: (run: Run) => string | undefined,
): { supervisors: PlannedSupervisor[]; of: Map<Run, number> } {
  const supervisors: PlannedSupervisor[] = [];
  const index = new Map<Supervisor, number>();
  const add = (s: Supervisor): number => {
    const known = index.get(s);
    if (known !== undefined) return known;
    const i = supervisors.length;
    index.set(s, i);
    supervisors.push(undefined as never);
    const members = s
      .members()
      .filter((member) => member.every((run) => nameOf(run) !== undefined))
      .map((member) => member.map((run) => nameOf(run)!));
    const parent = s.parent();
    supervisors[i] = {
      policy: s.policy,
      label: s.label,
      members,
      ...(parent === undefined ? {} : { parent: add(parent) }),
    };
    return i;
  };
  const of = new Map<Run, number>();
  for (const run of runs) {
    const s = net.supervisorOf(run);
    if (s !== undefined) of.set(run, add(s));
  }
  return { supervisors, of };
}
