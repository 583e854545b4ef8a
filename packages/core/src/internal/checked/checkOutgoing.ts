/**
 * Checked mode, sending side: the message must fit the outbox's schema and be able to cross
 * a thread or process boundary; then it is frozen so later mutation fails loudly.
 */
import { Errors } from '../../errors.ts';
import type { OwnedBox } from '../BoxOwner.ts';
import { preview } from '../naming.ts';
import { formatIssues } from './formatIssues.ts';
import { inspectMessage } from './inspectMessage.ts';
import { freezeAll, snapshotBinaries } from './sealMessage.ts';

/** Validate and inspect `message`; freeze it unless it is about to be moved (then seal the copy). */
export function checkOutgoing(outbox: OwnedBox, message: unknown, moving: boolean): void {
  const { owner } = outbox;
  const result = outbox.spec.schema.safeParse(message);
  if (!result.success) {
    throw Errors.schema(
      owner.name,
      owner.type,
      outbox.name,
      formatIssues(result.error.issues),
      preview(message),
    );
  }
  const found = inspectMessage(message);
  if (found.problem !== undefined) {
    const { path, what, fix } = found.problem;
    throw Errors.notCloneable(owner.name, owner.type, outbox.name, path, what, fix);
  }
  if (moving) return;
  freezeAll(found.objects);
  snapshotBinaries(message, found);
}

/** Freeze the private copy a transfer produced (its binary data is the receiver's alone). */
export function sealMoved(message: unknown): void {
  freezeAll(inspectMessage(message).objects);
}
