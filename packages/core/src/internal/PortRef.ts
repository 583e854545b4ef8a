/** References to boxes handed out for linking, and the error for a box that does not exist. */
import type { Definition } from '../Definition.ts';
import { Errors } from '../errors.ts';
import type { InboxImpl } from './InboxImpl.ts';
import type { Junction } from './LogicalLink.ts';
import { didYouMean, listNames } from './naming.ts';
import type { OutboxImpl } from './OutboxImpl.ts';

/** What a reference points at: a leaf box, or a composite's exported box (a junction). */
export type Port = InboxImpl | OutboxImpl | Junction;

export class PortRef<K extends 'in' | 'out' = 'in' | 'out'> {
  constructor(
    readonly kind: K,
    readonly node: string,
    readonly box: string,
    readonly port: Port,
  ) {}

  toString(): string {
    return `${this.node}.${this.box}`;
  }
}

/** `ERR_NO_SUCH_INBOX`/`ERR_NO_SUCH_OUTBOX` with the boxes it does have and a suggestion. */
export function missingBox(
  dir: 'in' | 'out',
  node: string,
  definition: Definition,
  box: string,
): Error {
  const names = Object.keys(dir === 'in' ? definition.inboxes : definition.outboxes);
  return Errors.noSuchBox(
    dir,
    node,
    definition.name,
    box,
    didYouMean(box, names),
    listNames(names),
  );
}
