/**
 * A composite's exported box. It carries no messages: links through it are resolved to
 * direct links between the leaf boxes on either side, so composites cost nothing at run time.
 */
import type { BoxSpec } from '../types.ts';
import type { LogicalLink } from './LogicalLink.ts';

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
