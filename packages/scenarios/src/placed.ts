/**
 * The two helpers every scenario file starts from: `run` a graph in checked mode with the
 * target's run options, and `add` an instance where the target places its name.
 */
import type { AddOptions, Definition, Graph, NodeHandle, RunOptions } from '@plexus/core';
import type { ScenarioTarget } from './ScenarioTarget.ts';

export interface Placed {
  run(g: Graph, options?: RunOptions): ReturnType<Graph['run']>;
  add(g: Graph, name: string, definition: Definition, options?: AddOptions<Definition>): NodeHandle;
}

/** `run` and `add` for `target`. */
export function placed(target: ScenarioTarget): Placed {
  return {
    run: (g, options = {}) => g.run({ checked: true, ...target.runOptions, ...options }),
    add: (g, name, definition, options = {}) =>
      g.add(name, definition, { ...target.place(name), ...options }),
  };
}
