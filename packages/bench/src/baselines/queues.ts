/**
 * The ceiling for an asynchronous pipeline: hand-written bounded queues between async
 * functions, drained synchronously while data is ready, awaiting only when a queue is empty
 * or full. No framework, no counters, no checks — what a careful person writes by hand.
 */

/** A bounded FIFO with at most one waiting reader and one waiting writer. */
class Queue<T> {
  private readonly ring: (T | undefined)[];
  private head = 0;
  size = 0;
  closed = false;
  private reader: (() => void) | null = null;
  private writer: (() => void) | null = null;

  constructor(readonly capacity: number) {
    this.ring = new Array(capacity).fill(undefined);
  }

  /** Add `item` if there is room; wakes a waiting reader. */
  tryPush(item: T): boolean {
    if (this.size === this.capacity) return false;
    this.ring[(this.head + this.size) % this.capacity] = item;
    this.size++;
    const reader = this.reader;
    if (reader !== null) {
      this.reader = null;
      reader();
    }
    return true;
  }

  /** Take the oldest item (the caller checks `size` first); wakes a waiting writer. */
  shift(): T {
    const item = this.ring[this.head] as T;
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.size--;
    const writer = this.writer;
    if (writer !== null) {
      this.writer = null;
      writer();
    }
    return item;
  }

  /** Resolves once an item is waiting or the queue is closed. */
  readable(): Promise<void> {
    return new Promise((resolve) => {
      this.reader = resolve;
    });
  }

  /** Resolves once there is room. */
  writable(): Promise<void> {
    return new Promise((resolve) => {
      this.writer = resolve;
    });
  }

  close(): void {
    this.closed = true;
    const reader = this.reader;
    this.reader = null;
    reader?.();
  }
}

/** Push `item`, waiting while `queue` is full. */
async function put<T>(queue: Queue<T>, item: T): Promise<void> {
  while (!queue.tryPush(item)) await queue.writable();
}

/** A pass-through stage: drain `input` synchronously, await only when it is empty or `output` full. */
async function stage<T>(input: Queue<T>, output: Queue<T>): Promise<void> {
  for (;;) {
    while (input.size > 0) {
      const item = input.shift();
      if (!output.tryPush(item)) await put(output, item);
    }
    if (input.closed) break;
    await input.readable();
  }
  output.close();
}

/** Send `count` numbers through `stages` pass-through stages; resolves with msgs/s. */
export async function queuesPipeline(
  count: number,
  stages: number,
  capacity: number,
): Promise<number> {
  const queues = Array.from({ length: stages + 1 }, () => new Queue<number>(capacity));
  const start = performance.now();
  const source = (async () => {
    const first = queues[0]!;
    for (let i = 0; i < count; i++) if (!first.tryPush(i)) await put(first, i);
    first.close();
  })();
  const running = queues.slice(0, -1).map((queue, i) => stage(queue, queues[i + 1]!));
  const received = await drain(queues[stages]!);
  await Promise.all([source, ...running]);
  if (received !== count)
    throw new Error(`Queue pipeline delivered ${received} of ${count} messages.`);
  return (count * 1000) / (performance.now() - start);
}

const SENT: Promise<void> = Promise.resolve();

/** Push `item`, as an awaited send: a shared settled promise when there was room. */
function send<T>(queue: Queue<T>, item: T): Promise<void> {
  return queue.tryPush(item) ? SENT : put(queue, item);
}

/**
 * The queues read with `for await` (a promise per message) and written with an awaited send
 * per message (settled at once while there is room): the least a `for await` body can cost,
 * with no framework. Resolves with msgs/s.
 */
export async function queuesForAwaitPipeline(
  count: number,
  stages: number,
  capacity: number,
): Promise<number> {
  const queues = Array.from({ length: stages + 1 }, () => new Queue<number>(capacity));
  const start = performance.now();
  const source = (async () => {
    for (let i = 0; i < count; i++) await send(queues[0]!, i);
    queues[0]!.close();
  })();
  const running = queues.slice(0, -1).map(async (input, i) => {
    const output = queues[i + 1]!;
    for await (const item of items(input)) await send(output, item);
    output.close();
  });
  let received = 0;
  for await (const _ of items(queues[stages]!)) received++;
  await Promise.all([source, ...running]);
  if (received !== count)
    throw new Error(`Queue for-await pipeline delivered ${received} of ${count} messages.`);
  return (count * 1000) / (performance.now() - start);
}

/** `queue` as an async iterable: one `next()` promise per item, as `for await` asks. */
function items<T>(queue: Queue<T>): AsyncIterable<T> {
  const later = async (): Promise<IteratorResult<T>> => {
    while (queue.size === 0) {
      if (queue.closed) return { value: undefined, done: true };
      await queue.readable();
    }
    return { value: queue.shift(), done: false };
  };
  const next = (): Promise<IteratorResult<T>> =>
    queue.size > 0 ? Promise.resolve({ value: queue.shift(), done: false }) : later();
  return { [Symbol.asyncIterator]: () => ({ next }) };
}

/** Drain `queue` to its end; resolves with how many items it took. */
async function drain<T>(queue: Queue<T>): Promise<number> {
  let received = 0;
  for (;;) {
    while (queue.size > 0) {
      queue.shift();
      received++;
    }
    if (queue.closed) return received;
    await queue.readable();
  }
}

/**
 * One source to `targets` consumers, each message into every queue (waiting while any is
 * full): by reference, or with `copy` a structured clone per target, as a system must whose
 * messages are not immutable. Resolves with messages sent per second.
 */
export async function queuesFanout(
  count: number,
  targets: number,
  payload: unknown,
  capacity: number,
  copy: boolean,
): Promise<number> {
  const queues = Array.from({ length: targets }, () => new Queue<unknown>(capacity));
  const start = performance.now();
  const source = (async () => {
    for (let i = 0; i < count; i++) {
      for (const queue of queues) {
        const message = copy ? structuredClone(payload) : payload;
        if (!queue.tryPush(message)) await put(queue, message);
      }
    }
    for (const queue of queues) queue.close();
  })();
  const received = await Promise.all(queues.map(drain));
  await source;
  if (received.some((n) => n !== count)) throw new Error('Queue fan-out lost messages.');
  return (count * 1000) / (performance.now() - start);
}
