/** Step 6 — real components on your own core: read a file, upper-case it, print it. */
import { readFile } from 'node:fs/promises';
import { Component } from './component.ts';
import { END, Postman } from './postman.ts';
import { Scheduler } from './scheduler.ts';

/** Sends each line of a text file that is not empty, one per step, then END. */
export class ReadFile extends Component {
  constructor(readonly path: string) {
    super();
  }

  override async *main(): AsyncGenerator<void> {
    const text = await readFile(this.path, 'utf8');
    for (const line of text.split('\n')) {
      if (line === '') continue;
      this.send(line);
      yield;
    }
    this.send(END);
  }
}

/** Sends each line it receives in capitals; passes END on, then ends. */
export class Upper extends Component {
  override async *main(): AsyncGenerator<void> {
    while (true) {
      while (this.dataReady()) {
        const line = this.recv();
        if (line === END) {
          this.send(END);
          return;
        }
        this.send((line as string).toUpperCase());
      }
      yield;
    }
  }
}

/** Prints each line it receives; ends at END. */
export class Print extends Component {
  override async *main(): AsyncGenerator<void> {
    while (true) {
      while (this.dataReady()) {
        const line = this.recv();
        if (line === END) return;
        console.log(line);
      }
      yield;
    }
  }
}

/** One postman from each component's outbox to the next one's inbox. */
export function pipeline(...components: Component[]): Postman[] {
  return components.slice(1).map((sink, i) => new Postman(components[i]!, 'outbox', sink, 'inbox'));
}

/** Reads a file, upper-cases each line and prints it — all on your own core. */
export async function shout(path: string): Promise<void> {
  const components = [new ReadFile(path), new Upper(), new Print()];
  const scheduler = new Scheduler();
  scheduler.activate(...components, ...pipeline(...components));
  await scheduler.run();
}
