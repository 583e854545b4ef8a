/**
 * Step 6 — real components on your own core. The exercise is in steps/06-real-components/README.md.
 * Check your work with: pnpm tutorial check 6
 */
import { readFile } from 'node:fs/promises';
import { Component } from './component.ts';
import { END, Postman } from './postman.ts';
import { Scheduler } from './scheduler.ts';

/** Sends each line of a text file that is not empty, one per step, then END. */
export class ReadFile extends Component {
  constructor(readonly path: string) {
    super();
  }

  // TODO: an async generator: read the file (`await readFile(this.path, 'utf8')`), split it
  // at '\n', send each line that is not empty and yield after each; then send END.
  override main(): AsyncGenerator<void> {
    throw new Error('TODO: step 6 — write ReadFile.main()');
  }
}

/** Sends each line it receives in capitals; passes END on, then ends. */
export class Upper extends Component {
  // TODO: an async generator that loops: while data is ready, receive a line; at END, send
  // END and return; otherwise send the line in capitals. Then yield.
  override main(): AsyncGenerator<void> {
    throw new Error('TODO: step 6 — write Upper.main()');
  }
}

/** Prints each line it receives; ends at END. */
export class Print extends Component {
  // TODO: like Consumer in step 5, but print just the line.
  override main(): AsyncGenerator<void> {
    throw new Error('TODO: step 6 — write Print.main()');
  }
}

/** One postman from each component's outbox to the next one's inbox. */
export function pipeline(...components: Component[]): Postman[] {
  throw new Error('TODO: step 6 — write pipeline()');
}

/** Reads a file, upper-cases each line and prints it — all on your own core. */
export async function shout(path: string): Promise<void> {
  // TODO: a ReadFile, an Upper and a Print; the postmen of pipeline(); one Scheduler; run it.
  throw new Error('TODO: step 6 — write shout()');
}
