/**
 * From a box's owner back to its run: the boxes' floor knows its owner only by the
 * {@link BoxOwner} contract, and every owner of a box is a ComponentRun.
 */
import type { BoxOwner } from './BoxOwner.ts';
import { ComponentRun } from './ComponentRun.ts';

/** The run that owns a box, link end or port. */
export function runOf(owner: BoxOwner): ComponentRun {
  if (owner instanceof ComponentRun) return owner;
  throw new Error(
    `Plexus internal error: '${owner.name}' owns a box but is not a component's run.`,
  );
}
