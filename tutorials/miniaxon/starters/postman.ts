/**
 * Step 4 — the postman. The exercise is in steps/04-postman/README.md.
 * Check your work with: pnpm tutorial check 4
 */
import type { Component } from './component.ts';
import { Microprocess } from './microprocess.ts';

/** The last message of a stream: nothing comes after it. */
export const END = Symbol('END');

export class Postman extends Microprocess {
  constructor(
    readonly source: Component,
    readonly sourceBox: string,
    readonly sink: Component,
    readonly sinkBox: string,
  ) {
    super();
  }

  // TODO: an async generator that loops: while the source box has data, take the message
  // and put it in the sink box — and return right after delivering END; then yield.
  override main(): AsyncGenerator<void> {
    throw new Error('TODO: step 4 — write Postman.main()');
  }
}
