/** Step 4 — a postman: moves messages from one component's box to another's. */
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

  /** Each step delivers every message waiting, in order. It ends once it has delivered END. */
  override async *main(): AsyncGenerator<void> {
    while (true) {
      while (this.source.dataReady(this.sourceBox)) {
        const message = this.source.recv(this.sourceBox);
        this.sink.send(message, this.sinkBox);
        if (message === END) return;
      }
      yield;
    }
  }
}
