/**
 * A pending promise without a closure per promise. `new Promise(executor)` with an inline
 * executor allocates a closure and its context every time a component blocks; a shared
 * executor that parks the resolving functions in {@link resolvers} does not. Read them
 * immediately after calling {@link pending}; the executor runs synchronously.
 */

/** The resolving functions of the promise {@link pending} returned last. */
export const resolvers: { resolve: (value: any) => void; reject: (error: unknown) => void } = {
  resolve: () => {},
  reject: () => {},
};

function capture(resolve: (value: any) => void, reject: (error: unknown) => void): void {
  resolvers.resolve = resolve;
  resolvers.reject = reject;
}

/** A new pending promise; its resolving functions are in {@link resolvers} until the next call. */
export function pending<T>(): Promise<T> {
  return new Promise<T>(capture);
}
