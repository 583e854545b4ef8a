/**
 * A link that touches a composite's exported box (a Junction). It stands for every physical
 * link between the leaf outboxes behind its source and the leaf inboxes behind its target. A
 * Junction carries no messages: links through it are resolved to direct links between the
 * leaf boxes on either side, so composites cost nothing at run time.
 */
import type { BoxSpec, LinkHandle } from '../types.ts';
import type { InboxImpl } from './InboxImpl.ts';
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
    /** Idle priority: the physical links it stands for are idle. */
    readonly idle = false,
    /** Durable: the physical links it stands for are durable. */
    readonly durable = false,
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

/** A composite's exported box: the logical links into and out of it. */
export class Junction {
  /** Links ending at this box (from outside for an inbox, from children for an outbox). */
  readonly incoming: LogicalLink[] = [];
  /** Links starting at this box. */
  readonly outgoing: LogicalLink[] = [];

  constructor(
    /** `wc.in`: the composite's instance name and the box name. */
    readonly label: string,
    readonly spec: BoxSpec,
  ) {}
}
