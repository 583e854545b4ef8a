/**
 * Checked mode across a boundary. Inline, a receiver finds out at `recv()` when the binary data
 * of a message changed after it was sent (`ERR_MUTATED_AFTER_SEND`), since it holds the very
 * object. Across a thread or process the message is copied when its batch is posted, at the
 * sender's next yield: a change made between the send and the post would travel in the copy,
 * unseen. So the sender compares each message with its snapshot as it posts the batch, and
 * names the messages that changed; the receiver marks its copies of them, and its `recv()`
 * fails exactly as it would inline. (A change made after the post cannot reach the receiver.)
 */
import { changedBinary, hasSnapshot, markChanged } from './sealMessage.ts';

/** Messages of a batch that changed: `[index, path, 1 if the item is [number, message]]`. */
export type Changes = readonly (readonly [number, string, 0 | 1])[];

/** The messages of `batch` whose binary data changed since they were sent, or null. */
export function changesIn(batch: readonly unknown[]): Changes | null {
  const changes: [number, string, 0 | 1][] = [];
  for (let i = 0; i < batch.length; i++) {
    let item = batch[i];
    let nested: 0 | 1 = 0;
    // Ordered replicas number their messages: [number, message].
    if (!hasSnapshot(item) && Array.isArray(item) && item.length === 2 && hasSnapshot(item[1])) {
      item = item[1];
      nested = 1;
    }
    const path = changedBinary(item);
    if (path !== undefined) changes.push([i, path, nested]);
  }
  return changes.length === 0 ? null : changes;
}

/** On the receiving side: mark the copies of the messages that changed before the post. */
export function markChanges(items: readonly unknown[], changes: Changes): void {
  for (const [index, path, nested] of changes) {
    const item = items[index];
    markChanged(nested === 1 ? (item as unknown[])[1] : item, path);
  }
}
