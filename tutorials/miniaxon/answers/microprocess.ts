/**
 * Step 1 — a microprocess: an async generator with a little context around it. `main()` is
 * its work; each `yield` is a point where it lets something else run.
 */
export abstract class Microprocess {
  #running: AsyncGenerator<void> | undefined;

  /** The work. Yield whenever you are willing to let others run. */
  abstract main(): AsyncGenerator<void>;

  /**
   * Runs `main()` up to its next `yield`. Resolves `true` if there is more to do, `false`
   * once `main()` has returned (and from then on).
   */
  async step(): Promise<boolean> {
    this.#running ??= this.main();
    const { done } = await this.#running.next();
    return done !== true;
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

  override async *main(): AsyncGenerator<void> {
    for (let n = 1; n <= this.count; n++) {
      console.log(`${this.label} ${n}`);
      yield;
    }
  }
}
