/**
 * A Plexus graph file as a NoFlo JSON graph (the fbp-graph format NoFlo's tools read):
 * components become processes, links connections, initial messages initial packets, exported
 * boxes inports and outports. What NoFlo has no place for — params, placement, supervision —
 * goes into each process's metadata and the report.
 */
import type { GraphFile } from '../file/graphFileSchema.ts';
import { LINK_SHORTHAND } from '../file/graphFileSchema.ts';

/**
 * NoFlo's JSON graph.
 *
 * The fbp-graph format NoFlo's tools read: `processes` (the components), `connections` (links,
 * and initial packets as `data`), and the exported `inports` and `outports`. {@link toNoflo}
 * makes one from a Plexus graph file.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { GraphFile, type NofloJson, toNoflo } from '@plexus/runner';
 *
 * const file = GraphFile.parse({
 *   components: { read: { use: '@plexus/components#FromItems', params: { items: ['a'] } } },
 * });
 * const noflo: NofloJson = toNoflo(file, 'items').noflo;
 * writeFileSync('items.noflo.json', JSON.stringify(noflo, null, 2));
 * ```
 */
export interface NofloJson {
  properties: { name: string; description?: string };
  processes: Record<string, { component: string; metadata?: Record<string, unknown> }>;
  connections: (
    | { src: { process: string; port: string }; tgt: { process: string; port: string } }
    | { data: unknown; tgt: { process: string; port: string } }
  )[];
  inports: Record<string, { process: string; port: string }>;
  outports: Record<string, { process: string; port: string }>;
}

const end = (ref: string) => {
  const dot = ref.indexOf('.');
  return { process: ref.slice(0, dot), port: ref.slice(dot + 1) };
};

/**
 * Convert a parsed graph file to NoFlo's JSON graph, with a report of what NoFlo cannot hold.
 *
 * A component's `use` becomes its NoFlo component name: `@plexus/components#Map` is
 * `plexus/Map`, a module's export `module#Export` stays as it is. Params, backend, group and
 * replicas are kept in the process's `metadata.plexus` (NoFlo ignores them) and reported.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { GraphFile, toNoflo } from '@plexus/runner';
 *
 * const file = JSON.parse(readFileSync('wordcount.graph.json', 'utf8'));
 * const { noflo, report } = toNoflo(GraphFile.parse(file), 'wordcount');
 * ```
 */
export function toNoflo(file: GraphFile, name: string): { noflo: NofloJson; report: string[] } {
  const report: string[] = [];
  const processes: NofloJson['processes'] = {};
  for (const [component, entry] of Object.entries(file.components)) {
    const use = entry.use.startsWith('@plexus/components#')
      ? `plexus/${entry.use.slice('@plexus/components#'.length)}`
      : entry.use;
    const plexus: Record<string, unknown> = {};
    for (const key of [
      'params',
      'backend',
      'group',
      'replicas',
      'ordered',
      'options',
      'supervise',
    ] as const)
      if (entry[key] !== undefined) plexus[key] = entry[key];
    processes[component] = {
      component: use,
      ...(Object.keys(plexus).length === 0 ? {} : { metadata: { plexus } }),
    };
    if (Object.keys(plexus).length > 0)
      report.push(
        `the ${Object.keys(plexus).join(', ')} of component '${component}' go into its metadata.plexus; NoFlo configures components with initial packets instead.`,
      );
  }
  const connections: NofloJson['connections'] = [];
  for (const link of file.links ?? []) {
    const [from, to] =
      typeof link === 'string' ? LINK_SHORTHAND.exec(link)!.slice(1, 3) : [link.from, link.to];
    connections.push({ src: end(from!), tgt: end(to!) });
    if (typeof link !== 'string' && link.capacity !== undefined)
      report.push(`the capacity of link ${from} -> ${to} is dropped; NoFlo links are unbounded.`);
  }
  for (const [target, messages] of Object.entries(file.initial ?? {}))
    for (const data of messages) connections.push({ data, tgt: end(target) });
  const inports: NofloJson['inports'] = {};
  for (const [box, inbox] of Object.entries(file.inboxes ?? {})) {
    const targets = [inbox.to].flat();
    inports[box] = end(targets[0]!);
    if (targets.length > 1)
      report.push(
        `inbox '${box}' feeds ${targets.length} boxes; a NoFlo inport feeds one, so only ${targets[0]} is kept.`,
      );
  }
  const outports: NofloJson['outports'] = {};
  for (const [box, outbox] of Object.entries(file.outboxes ?? {})) {
    const sources = [outbox.from].flat();
    outports[box] = end(sources[0]!);
    if (sources.length > 1)
      report.push(
        `outbox '${box}' merges ${sources.length} boxes; a NoFlo outport has one, so only ${sources[0]} is kept.`,
      );
  }
  if (file.supervise !== undefined)
    report.push('the graph’s supervise policy is dropped; NoFlo has none.');
  return {
    noflo: {
      properties: {
        name,
        ...(file.description === undefined ? {} : { description: file.description }),
      },
      processes,
      connections,
      inports,
      outports,
    },
    report,
  };
}
