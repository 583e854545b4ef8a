/**
 * The default capacity of a link that crosses a thread or process boundary.
 *
 * Inline, a link's capacity only bounds how far a producer runs ahead, and 64 costs nothing.
 * Across a boundary, each window of capacity costs a round trip: the sender posts what its
 * credits allow and waits until the receiver's credits come back, and on a busy machine every
 * wake-up on the way waits to be scheduled. At 64 a link spends most of its time waiting
 * (worker → worker 0.78× a raw MessagePort, process → process 0.27× a raw socket, and
 * 0.30× under contention); at 1,024 it outruns both (1.50× and 0.69×, 2.88× and 1.23× under
 * contention). So a link whose capacity nobody chose — not on the link, not through a
 * composite's exported box, not for the whole graph — gets {@link CROSSING_CAPACITY} when it
 * crosses. A capacity that was chosen is kept exactly, so a link can still be made as tight as
 * its messages' size calls for.
 */
import type { Link } from '../Link.ts';

/** Capacity of a crossing link whose capacity was not chosen. */
const CROSSING_CAPACITY = 1024;

/** Links whose capacity was given (on the link or through an exported box). */
const chosen = new WeakSet<Link>();
/** Graphs (their networks) made with a capacity for all their links. */
const chosenForAll = new WeakSet<object>();

/** `link`'s capacity was chosen by the user. */
export function capacityChosen(link: Link): void {
  chosen.add(link);
}

/** Every link of `net` has a chosen capacity (the graph's option). */
export function capacityChosenForAll(net: object): void {
  chosenForAll.add(net);
}

/** The capacity `link` of `net` has once it crosses a boundary. */
export function crossingCapacity(net: object, link: Link): number {
  if (chosenForAll.has(net) || chosen.has(link)) return link.capacity;
  return Math.max(link.capacity, CROSSING_CAPACITY);
}

/** The capacity of a crossing link made while running that gives none (as for a link nobody chose). */
export function defaultCrossing(net: object & { readonly capacity: number }): number {
  return chosenForAll.has(net) ? net.capacity : Math.max(net.capacity, CROSSING_CAPACITY);
}
