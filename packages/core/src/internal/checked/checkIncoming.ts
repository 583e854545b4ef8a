/**
 * Checked mode, receiving side: the message must fit the inbox's schema (links between boxes
 * of different schemas are caught here when types could not catch them), and its binary data
 * must be as it was when sent.
 */
import { Errors } from '../../errors.ts';
import type { InboxImpl } from '../InboxImpl.ts';
import type { Link } from '../Link.ts';
import { preview } from '../naming.ts';
import { formatIssues } from './formatIssues.ts';
import { changedBinary } from './sealMessage.ts';

export function checkIncoming(inbox: InboxImpl, link: Link, message: unknown): void {
  const { owner } = inbox;
  const from = link.from;
  const result = inbox.spec.schema.safeParse(message);
  if (!result.success) {
    throw Errors.inboxSchema(
      owner.name,
      owner.type,
      inbox.name,
      from,
      formatIssues(result.error.issues),
      preview(message),
    );
  }
  const changed = changedBinary(message);
  if (changed !== undefined)
    throw Errors.mutatedAfterSend(owner.name, owner.type, inbox.name, from, changed);
}
