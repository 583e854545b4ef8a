/**
 * Step 1 — microprocesses. The exercise is in steps/01-generators/README.md.
 * Check your work with: pnpm tutorial check 1
 */
export abstract class Microprocess {
  /** The work. Yield whenever you are willing to let others run. */
  abstract main(): AsyncGenerator<void>;

  /**
   * Runs `main()` up to its next `yield`. Resolves `true` if there is more to do, `false`
   * once `main()` has returned (and from then on).
   */
  async step(): Promise<boolean> {
    // TODO: the first time, call this.main() and keep the generator it returns (in a private
    // field). Every time, await its next() and resolve with whether it is not done yet.
    throw new Error('TODO: step 1 — write Microprocess.step()');
  }
}

/** Counts from 1 to `count`, printing one line per step: `a 1`, `a 2`, … */
export class Counter extends Microprocess {
  constructor(
    readonly label: string,
    readonly count: number,
  ) {
    super();
  }

  // TODO: make this an async generator, `override async *main(): AsyncGenerator<void>`, that
  // prints `${this.label} ${n}` for n = 1 … count and yields after each line.
  override main(): AsyncGenerator<void> {
    throw new Error('TODO: step 1 — write Counter.main()');
  }
}
