/**
 * The floor of any promise-based ring in this JavaScript engine: async functions in a ring,
 * each awaiting a fresh promise that the previous one resolves, carrying the token in a plain
 * array. No queues, no backpressure, no lifecycle — one promise, one resolve and one await per
 * hop, which is the least a component that suspends between messages can cost. Plexus ÷ this
 * says how much of a hop is Plexus and how much is V8.
 */

let parked: (value: undefined) => void = () => {};
function capture(resolve: (value: undefined) => void): void {
  parked = resolve;
}

/** Pass a token `hops` times round `size` async functions; resolves with hops per second. */
export function promiseRing(size: number, hops: number): Promise<number> {
  return new Promise((done) => {
    const waiters: (((value: undefined) => void) | null)[] = new Array(size).fill(null);
    const tokens: number[] = new Array(size).fill(0);
    let start = 0;
    const node = async (i: number): Promise<void> => {
      const next = (i + 1) % size;
      for (;;) {
        const turn = new Promise<undefined>(capture);
        waiters[i] = parked;
        await turn;
        const token = tokens[i]!;
        if (token === 0) {
          done((hops * 1000) / (performance.now() - start));
          return;
        }
        tokens[next] = token - 1;
        const wake = waiters[next]!;
        waiters[next] = null;
        wake(undefined);
      }
    };
    for (let i = 0; i < size; i++) void node(i);
    start = performance.now();
    tokens[0] = hops;
    const first = waiters[0]!;
    waiters[0] = null;
    first(undefined);
  });
}
