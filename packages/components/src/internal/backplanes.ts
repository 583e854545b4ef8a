/**
 * The backplanes of this thread: named publish/subscribe hubs that PublishTo, SubscribeTo and
 * Backplane components join and leave while they run. One registry per thread (kept on
 * `globalThis`, so two copies of this package in one thread still share it).
 *
 * A backplane's *session* lasts while it has publishers (a Backplane component counts as
 * one). Every message published goes to every subscriber present, each through a bounded
 * queue: a publisher waits while any subscriber's queue is full, so the slowest subscriber sets
 * the pace, as on a link with fan-out. When the last publisher leaves, the session ends: every
 * subscriber delivers what it holds and ends. A subscriber that joins while there is no
 * publisher waits for one.
 */

const KEY = Symbol.for('@plexus/components backplanes');

function registry(): Map<string, Plane> {
  const holder = globalThis as { [KEY]?: Map<string, Plane> };
  holder[KEY] ??= new Map();
  return holder[KEY];
}

/** Wait for `wake` (or reject when `signal` aborts). */
function parked(waiters: Set<() => void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const wake = () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const onAbort = () => {
      waiters.delete(wake);
      reject(signal.reason);
    };
    waiters.add(wake);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function wakeAll(waiters: Set<() => void>): void {
  if (waiters.size === 0) return;
  const all = [...waiters];
  waiters.clear();
  for (const wake of all) wake();
}

class Plane {
  readonly subscribers = new Set<Subscription>();
  publishers = 0;

  constructor(readonly name: string) {}

  /** The last publisher left: end the session for everyone subscribed to it. */
  close(): void {
    for (const subscriber of this.subscribers) subscriber.close();
    this.subscribers.clear();
    this.release();
  }

  /** Forget this plane once nobody uses it. */
  release(): void {
    const planes = registry();
    if (this.publishers === 0 && this.subscribers.size === 0 && planes.get(this.name) === this)
      planes.delete(this.name);
  }
}

function plane(name: string): Plane {
  const planes = registry();
  let found = planes.get(name);
  if (found === undefined) {
    found = new Plane(name);
    planes.set(name, found);
  }
  return found;
}

/** A subscriber's place on a backplane: a bounded queue of what was published. */
export class Subscription {
  private queue: unknown[] = [];
  private head = 0;
  private closed = false;
  private left = false;
  private readonly readers = new Set<() => void>();
  private readonly room = new Set<() => void>();

  constructor(
    private readonly plane: Plane,
    private readonly capacity: number,
  ) {}

  get size(): number {
    return this.queue.length - this.head;
  }

  /** True while the backplane has a publisher (its session is under way). */
  get published(): boolean {
    return this.plane.publishers > 0;
  }

  hasRoom(): boolean {
    return this.left || this.size < this.capacity;
  }

  push(message: unknown): void {
    this.queue.push(message);
    wakeAll(this.readers);
  }

  take(): unknown {
    const message = this.queue[this.head];
    this.queue[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    wakeAll(this.room);
    return message;
  }

  /** True once a message is waiting; false when the session has ended and all were taken. */
  async wait(signal: AbortSignal): Promise<boolean> {
    for (;;) {
      if (this.size > 0) return true;
      if (this.closed) return false;
      await parked(this.readers, signal);
    }
  }

  /** Resolves once this subscriber can take one more message (or has left). */
  whenRoom(signal: AbortSignal): Promise<void> {
    return this.hasRoom() ? Promise.resolve() : parked(this.room, signal);
  }

  close(): void {
    this.closed = true;
    wakeAll(this.readers);
  }

  leave(): void {
    if (this.left) return;
    this.left = true;
    this.queue = [];
    this.head = 0;
    this.plane.subscribers.delete(this);
    wakeAll(this.room);
    this.plane.release();
  }
}

/** A publisher's (or a Backplane holder's) place on a backplane. */
export class Publication {
  private left = false;

  constructor(private readonly plane: Plane) {}

  /** Deliver to every subscriber present, waiting while any of them is full. */
  async publish(message: unknown, signal: AbortSignal): Promise<void> {
    const subscribers = this.plane.subscribers;
    for (;;) {
      let full: Subscription | undefined;
      for (const subscriber of subscribers) {
        if (!subscriber.hasRoom()) {
          full = subscriber;
          break;
        }
      }
      if (full === undefined) break;
      await full.whenRoom(signal);
    }
    for (const subscriber of subscribers) subscriber.push(message);
  }

  leave(): void {
    if (this.left) return;
    this.left = true;
    if (--this.plane.publishers === 0) this.plane.close();
  }
}

/** Join the backplane `name` as a publisher. */
export function publishTo(name: string): Publication {
  const joined = plane(name);
  joined.publishers++;
  return new Publication(joined);
}

/** Join the backplane `name` as a subscriber whose queue holds `capacity` messages. */
export function subscribeTo(name: string, capacity: number): Subscription {
  const joined = plane(name);
  const subscription = new Subscription(joined, capacity);
  joined.subscribers.add(subscription);
  return subscription;
}

/** Publishers and subscribers on the backplane `name` now (for tests and diagnostics). */
export function backplaneMembers(name: string): { publishers: number; subscribers: number } {
  const found = registry().get(name);
  return { publishers: found?.publishers ?? 0, subscribers: found?.subscribers.size ?? 0 };
}
