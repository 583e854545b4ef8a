/**
 * Where each unit of a coordinator goes, by the unit's name: chosen when a link to it is
 * planned (or at its start), kept while it runs (a link added later must find it), and
 * forgotten when it ends, so the next run places a unit of the same name afresh. It counts
 * the units on each node, for {@link chooseNode}'s least-loaded choice.
 */
import { chooseNode } from '../chooseNode.ts';
import type { NodeInfo } from '../nodeInfo.ts';
import type { NatsPlacementOptions } from '../unitIsolation.ts';

export class NodePlacements {
  private readonly assigned = new Map<string, NodeInfo>();
  private readonly load = new Map<string, number>();

  /** `live()`: the nodes to choose from, as last heard. */
  constructor(private readonly live: () => NodeInfo[]) {}

  /** The node `unit` runs on: the one it was given, else one chosen now among the live ones. */
  assign(unit: string, placement: NatsPlacementOptions): NodeInfo {
    let node = this.assigned.get(unit);
    if (node === undefined) {
      node = chooseNode(unit, placement, this.live(), this.load);
      this.assigned.set(unit, node);
      this.load.set(node.name, (this.load.get(node.name) ?? 0) + 1);
    }
    return node;
  }

  /** `unit` has ended (or failed to start): the next unit of its name is placed afresh. */
  release(unit: string): void {
    const node = this.assigned.get(unit);
    if (node === undefined) return;
    this.assigned.delete(unit);
    this.load.set(node.name, (this.load.get(node.name) ?? 1) - 1);
  }
}
