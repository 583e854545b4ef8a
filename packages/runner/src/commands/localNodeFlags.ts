/**
 * `--node-name`, `--node-labels` and `--no-local-node` of `plexus run` and `plexus check`:
 * with `--nats`, the host that runs a graph is a node too, unless told otherwise.
 */
import type { LocalNodeOptions } from '@plexus/nats';

export interface LocalNodeFlags {
  readonly nodeName?: string;
  readonly nodeLabels?: string;
  /** False with `--no-local-node`. */
  readonly localNode?: boolean;
}

/** This host's node as the flags describe it, or none with `--no-local-node`. */
export function localNodeOptions(
  flags: LocalNodeFlags,
  log?: (line: string) => void,
): LocalNodeOptions | undefined {
  if (flags.localNode === false) return undefined;
  return {
    ...(flags.nodeName === undefined ? {} : { name: flags.nodeName }),
    labels: (flags.nodeLabels ?? '').split(',').filter((label) => label !== ''),
    ...(log === undefined ? {} : { log }),
  };
}
