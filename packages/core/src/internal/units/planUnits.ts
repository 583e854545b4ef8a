/**
 * Partition a graph's instances into units — the main event loop (inline), one unit per
 * (backend, group), and one per replica of a replicated component — and rewire every link
 * that crosses units: one channel per pair of places, whose ends go to the two units — a
 * MessageChannel within this process, a Unix socket (from the backend) across processes.
 * Links between two remote units never pass through the main thread.
 */
import type { Backend } from '../../backend/Backend.ts';
import { Errors } from '../../errors.ts';
import { ComponentRun } from '../ComponentRun.ts';
import { Link } from '../Link.ts';
import type { Net } from '../Net.ts';
import { RemoteUnit, type ReplicaSet, unitOf } from './RemoteUnit.ts';
import { type Place, rewire } from './rewire.ts';

/** Units of the run; the instances not in any of them run inline. */
export function planUnits(
  net: Net,
  leaves: readonly ComponentRun[],
  backends: ReadonlyMap<string, Backend>,
): RemoteUnit[] {
  const groups = new Map<string, ComponentRun[]>();
  const units: RemoteUnit[] = [];
  const places = new Map<ComponentRun, Place[]>();
  for (const run of leaves) {
    if (run.backend === 'inline') continue;
    const backend = backends.get(run.backend)!;
    const replicas = run.placement.replicas ?? 1;
    if (replicas > 1) {
      const set: ReplicaSet = { run, total: replicas, settled: 0 };
      const replicaUnits = Array.from({ length: replicas }, (_, i) => {
        const name = `${run.name}#${i + 1}`;
        return new RemoteUnit(net, `${backend.name} '${name}'`, backend, [run], { set, name });
      });
      units.push(...replicaUnits);
      places.set(
        run,
        replicaUnits.map((unit) => ({ unit, name: unit.replica!.name })),
      );
      continue;
    }
    const key = `${run.backend} ${run.placement.group ?? run.name}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [run]);
    else group.push(run);
  }
  for (const [key, runs] of groups) {
    const backend = backends.get(runs[0]!.backend)!;
    units.push(
      new RemoteUnit(net, `${backend.name} '${key.slice(key.indexOf(' ') + 1)}'`, backend, runs),
    );
  }
  const placesOf = (run: ComponentRun): Place[] =>
    places.get(run) ?? [{ unit: unitOf(run), name: run.name }];
  for (const run of leaves) checkOrdered(run);
  for (const run of leaves) {
    for (const box in run.outboxes) {
      const outbox = run.outboxes[box]!;
      for (const sink of [...outbox.links])
        if (sink instanceof Link) rewire(net, outbox, sink, placesOf);
    }
  }
  return units;
}

/** With every instance inline, no link crosses anything: a durable one has no store. */
export function refuseDurable(leaves: readonly ComponentRun[]): void {
  for (const run of leaves)
    for (const box in run.outboxes)
      for (const sink of run.outboxes[box]!.links)
        if (sink instanceof Link && sink.durable)
          throw Errors.notDurable(sink.from, sink.to, 'both its ends run on the main thread');
}

/** Ordered replicas restore the order of one stream: exactly one link in, from a component that is not replicated. */
function checkOrdered(run: ComponentRun): void {
  if ((run.placement.replicas ?? 1) < 2 || run.placement.ordered !== true) return;
  const feeds = Object.values(run.inboxes).flatMap((inbox) => inbox.feeds);
  const replicatedSender = feeds.find((link) => {
    const sender = link.source.owner;
    return sender instanceof ComponentRun && (sender.placement.replicas ?? 1) > 1;
  });
  if (feeds.length !== 1 || replicatedSender !== undefined) {
    throw Errors.badLink(
      `Component '${run.name}' (${run.type}) has ordered replicas, which restore the order of one stream: it needs exactly one link in, from a component that is not itself replicated (it has ${feeds.length}${replicatedSender === undefined ? '' : ', one from replicas'}). Merge its inputs in a component first, or drop 'ordered'.`,
    );
  }
}
