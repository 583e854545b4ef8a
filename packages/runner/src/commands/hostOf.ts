/**
 * The host a component runs on, for `--stats`: the node agent's host for a unit on NATS (its
 * `where` reads `nats node 'n1' (host h), process 4242`), else this one — inline, worker
 * threads and child processes all run on the host that runs the graph.
 */
import { hostname } from 'node:os';

const HOST = /\(host ([^)\s]+)\)/;

export function hostOf(where: string | undefined, here: string = hostname()): string {
  return HOST.exec(where ?? '')?.[1] ?? here;
}
