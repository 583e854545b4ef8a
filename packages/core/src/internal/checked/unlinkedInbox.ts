/**
 * In checked mode, a component starts only if every inbox it needs is linked: an unlinked one
 * would wait forever, so it fails at once, naming the box.
 */
import { Errors } from '../../errors.ts';
import type { BoxSpec } from '../../types.ts';

/** The error naming its first required inbox that nothing is linked into, if any. */
export function unlinkedInbox(run: {
  readonly name: string;
  readonly type: string;
  readonly inboxes: Record<string, { readonly feeds: readonly unknown[]; readonly spec: BoxSpec }>;
}): Error | undefined {
  for (const box in run.inboxes) {
    const inbox = run.inboxes[box]!;
    if (inbox.feeds.length === 0 && inbox.spec.optional !== true)
      return Errors.unlinkedInbox(run.name, run.type, box);
  }
  return undefined;
}
