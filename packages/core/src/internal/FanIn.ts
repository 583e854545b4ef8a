/**
 * The state of an inbox that several links feed (fan-in): the links, and whose turn is next
 * (round-robin, so each link keeps its order). An inbox fed by one link has none of it (two
 * fields fewer). Made afresh whenever the feeds change, which is rare beside the messages.
 */
import type { Link } from './Link.ts';

export class FanIn {
  /** Where the next round-robin pick starts. */
  next = 0;

  /** `feeds`: two or more links (a fresh array, which this keeps). */
  constructor(readonly feeds: Link[]) {}
}
