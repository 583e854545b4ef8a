/**
 * A link that touches a composite's exported box. It stands for every physical link between
 * the leaf outboxes behind its source and the leaf inboxes behind its target.
 */
import type { LinkHandle } from '../types.ts';
import type { InboxImpl } from './InboxImpl.ts';
import type { Junction } from './Junction.ts';
import type { Link } from './Link.ts';
import type { OutboxImpl } from './OutboxImpl.ts';

let nextId = 1;

export class LogicalLink implements LinkHandle {
  /** Negative, so logical and physical link ids never clash. */
  readonly id = -nextId++;
  readonly physical: Link[] = [];

  constructor(
    readonly source: OutboxImpl | Junction,
    readonly target: InboxImpl | Junction,
    readonly capacity: number | undefined,
  ) {}

  get from(): string {
    return label(this.source);
  }

  get to(): string {
    return label(this.target);
  }
}

export function label(port: OutboxImpl | InboxImpl | Junction): string {
  return 'label' in port ? port.label : `${port.owner.name}.${port.name}`;
}
