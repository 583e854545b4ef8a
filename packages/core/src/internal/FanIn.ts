/**
 * The state of an inbox that several links feed (fan-in): the links, the messages waiting over
 * all of them, and whose turn is next (round-robin, so each link keeps its order). An inbox fed
 * by one link has none of it: that link is its queue. Made afresh whenever the feeds change,
 * which is rare beside the messages.
 */
import type { Link } from './Link.ts';

export class FanIn {
  /** Messages waiting over all the feeds. */
  count = 0;
  /** Where the next round-robin pick starts. */
  next = 0;

  /** `feeds`: two or more links (a fresh array, which this keeps). */
  constructor(readonly feeds: Link[]) {
    for (const feed of feeds) this.count += feed.size;
  }
}
