/**
 * NoFlo graphs — the `.fbp` language (parsed by the `fbp` package) and the NoFlo / fbp-graph
 * JSON format — as Plexus graph files, with a report of everything that has no equivalent.
 */
import fbp from 'fbp';
import { stringify } from 'yaml';
import { type NofloMapping, nofloMapping } from './nofloComponents.ts';
import { nofloEquivalent } from './nofloEquivalents.ts';

interface NofloEndpoint {
  process: string;
  port: string;
  index?: number;
}
interface NofloGraph {
  properties?: Record<string, unknown>;
  processes?: Record<string, { component: string; metadata?: unknown; display?: unknown }>;
  connections?: { src?: NofloEndpoint; tgt: NofloEndpoint; data?: unknown; metadata?: unknown }[];
  inports?: Record<string, NofloEndpoint & { metadata?: unknown }>;
  outports?: Record<string, NofloEndpoint & { metadata?: unknown }>;
  groups?: { name: string }[];
}

/**
 * A graph converted from NoFlo or Node-RED: the Plexus graph file as YAML, and what could not
 * be carried over.
 *
 * The YAML starts with the editor schema line; every component NoFlo or Node-RED had without
 * a Plexus equivalent is kept under its own name and named in the report, so the file is a
 * start to finish by hand, never a silent loss.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { type Conversion, fromNoflo, parseFbp } from '@plexus/runner';
 *
 * const converted: Conversion = fromNoflo(parseFbp("'a.txt' -> IN Read(ReadFile)"), {
 *   name: 'read',
 *   schema: 'node_modules/@plexus/runner/graph.schema.json',
 * });
 * writeFileSync('read.graph.yaml', converted.yaml);
 * for (const line of converted.report) console.error(line);
 * ```
 */
export interface Conversion {
  /** The graph file, as YAML, starting with an editor schema line. */
  readonly yaml: string;
  /** What could not be carried over, one sentence each. */
  readonly report: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Parse `.fbp` text into NoFlo's JSON graph. Port names are lower-cased, as NoFlo does by
 * default (`OUT` is the port `out`). Throws fbp's SyntaxError with its location.
 *
 * @example
 * ```ts
 * import { parseFbp } from '@plexus/runner';
 *
 * const noflo = parseFbp("Read(ReadFile) OUT -> IN Display(Output)");
 * ```
 */
export function parseFbp(text: string): NofloGraph {
  return fbp.parse(text, { caseSensitive: false }) as NofloGraph;
}

/**
 * Convert a NoFlo graph (NoFlo's JSON, or `.fbp` parsed by {@link parseFbp}) to a Plexus
 * graph file.
 *
 * Processes become components: NoFlo's common ones (`core/Output` → ConsoleEcho, `core/Kick`,
 * `core/Repeat`, `core/Drop`, `strings/SplitStr`, `filesystem/ReadFile` …) their Plexus
 * equivalents, with ports mapped to boxes and configuration packets (a file name, Kick's data)
 * turned into params; the rest left as `noflo:<component>` to be pointed at a Plexus
 * component. Connections become links, initial packets `initial`, inports and outports
 * exported boxes. The report lists, one sentence each, what could not be carried over or
 * differs: unmapped components, ports without an equivalent, editor metadata, groups,
 * addressable ports, renamed names.
 *
 * @example
 * ```ts
 * import { fromNoflo, parseFbp } from '@plexus/runner';
 *
 * const { yaml, report } = fromNoflo(parseFbp("'a.txt' -> IN Read(ReadFile)"), {
 *   name: 'read',
 *   schema: 'node_modules/@plexus/runner/graph.schema.json',
 * });
 * ```
 */
export function fromNoflo(
  noflo: NofloGraph,
  options: { name: string; schema: string },
): Conversion {
  const report: string[] = [];
  const names = new Map<string, string>();
  const nameOf = (process: string): string => {
    let name = names.get(process);
    if (name !== undefined) return name;
    name = process.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^(?=[^A-Za-z_])/, '_');
    while ([...names.values()].includes(name)) name += '_';
    if (name !== process)
      report.push(
        `process '${process}' is renamed '${name}': Plexus names are letters, digits, _ and -.`,
      );
    names.set(process, name);
    return name;
  };
  const mapped = new Map<string, NofloMapping>();
  for (const [process, { component }] of Object.entries(noflo.processes ?? {})) {
    const mapping = nofloMapping(component);
    if (mapping !== undefined) mapped.set(process, mapping);
  }
  /** `process.port` as `name.box`; undefined (reported) for a port the mapping has no box for. */
  const box = (end: NofloEndpoint, dir: 'in' | 'out'): string | undefined => {
    if (end.index !== undefined)
      report.push(
        `port ${end.process}.${end.port}[${end.index}] is addressable; Plexus boxes have no indices, so the link uses '${end.port}' and relies on fan-in/fan-out instead.`,
      );
    const mapping = mapped.get(end.process);
    if (mapping === undefined) return `${nameOf(end.process)}.${end.port}`;
    const ports = dir === 'in' ? mapping.inports : mapping.outports;
    const name = ports[end.port];
    if (name === undefined) {
      report.push(
        `${dir === 'in' ? 'inport' : 'outport'} ${end.process}.${end.port} has no equivalent on ${mapping.use}; its connection is dropped.`,
      );
      return undefined;
    }
    return `${nameOf(end.process)}.${name}`;
  };

  const components: Record<
    string,
    { use: string; comment?: string; params?: Record<string, unknown> }
  > = {};
  for (const [process, { component, metadata, display }] of Object.entries(noflo.processes ?? {})) {
    const mapping = mapped.get(process);
    if (mapping !== undefined) {
      components[nameOf(process)] = {
        use: mapping.use,
        comment: `NoFlo component ${component}`,
        ...(mapping.params === undefined ? {} : { params: { ...mapping.params } }),
      };
      if (mapping.note !== undefined)
        report.push(
          `component '${nameOf(process)}' (NoFlo ${component}) is ${mapping.use}, which ${mapping.note}.`,
        );
    } else {
      const closest = nofloEquivalent(component);
      components[nameOf(process)] = {
        use: `noflo:${component}`,
        comment:
          closest === undefined
            ? `NoFlo component ${component}: point 'use' at a Plexus component`
            : `NoFlo component ${component}: the closest Plexus component is ${closest.use} (${closest.note})`,
      };
      report.push(
        closest === undefined
          ? `component '${nameOf(process)}' uses the NoFlo component ${component}, which has no Plexus equivalent; point its 'use' at a Plexus component (module#Export; plexus components lists the standard library).`
          : `component '${nameOf(process)}' uses the NoFlo component ${component}; the closest Plexus component is ${closest.use} (${closest.note}): point its 'use' there, and check its params with plexus components.`,
      );
    }
    if (metadata !== undefined || display !== undefined)
      report.push(
        `the metadata of process '${process}' (e.g. its position in an editor) is dropped.`,
      );
  }
  const links: string[] = [];
  const initial: Record<string, unknown[]> = {};
  for (const connection of noflo.connections ?? []) {
    if (connection.src === undefined) {
      const configure = mapped.get(connection.tgt.process)?.config?.[connection.tgt.port];
      if (configure !== undefined) {
        const entry = components[nameOf(connection.tgt.process)]!;
        entry.params = { ...entry.params, ...configure(connection.data) };
        continue;
      }
      const target = box(connection.tgt, 'in');
      if (target !== undefined) initial[target] = [...(initial[target] ?? []), connection.data];
      continue;
    }
    if (mapped.get(connection.tgt.process)?.config?.[connection.tgt.port] !== undefined) {
      report.push(
        `${connection.tgt.process}.${connection.tgt.port} is configuration in Plexus (a param), so the connection from ${connection.src.process} to it is dropped; set the param instead.`,
      );
      continue;
    }
    const from = box(connection.src, 'out');
    const to = box(connection.tgt, 'in');
    if (from === undefined || to === undefined) continue;
    links.push(`${from} -> ${to}`);
    if (connection.metadata !== undefined)
      report.push(
        `the metadata of the connection ${connection.src.process} -> ${connection.tgt.process} is dropped.`,
      );
  }
  const inboxes = Object.fromEntries(
    Object.entries(noflo.inports ?? {}).flatMap(([name, end]) => {
      const to = box(end, 'in');
      return to === undefined
        ? []
        : [[name, { to, description: `Exported from NoFlo inport ${name}.` }]];
    }),
  );
  const outboxes = Object.fromEntries(
    Object.entries(noflo.outports ?? {}).flatMap(([name, end]) => {
      const from = box(end, 'out');
      return from === undefined
        ? []
        : [[name, { from, description: `Exported from NoFlo outport ${name}.` }]];
    }),
  );
  for (const name of [...Object.keys(inboxes), ...Object.keys(outboxes)]) {
    if (!NAME.test(name))
      report.push(`exported port '${name}' is not a valid box name; rename it.`);
  }
  for (const group of noflo.groups ?? [])
    report.push(
      `group '${group.name}' (an editor grouping) is dropped; Plexus composites are graph files of their own.`,
    );
  const properties = Object.keys(noflo.properties ?? {}).filter((key) => key !== 'name');
  if (properties.length > 0) report.push(`graph properties ${properties.join(', ')} are dropped.`);

  const graph = {
    name: options.name,
    description: `Converted from NoFlo${typeof noflo.properties?.name === 'string' ? ` graph ${noflo.properties.name}` : ''}.`,
    components,
    ...(links.length > 0 ? { links } : {}),
    ...(Object.keys(inboxes).length > 0 ? { inboxes } : {}),
    ...(Object.keys(outboxes).length > 0 ? { outboxes } : {}),
    ...(Object.keys(initial).length > 0 ? { initial } : {}),
  };
  const yaml = `# yaml-language-server: $schema=${options.schema}\n${stringify(graph, { lineWidth: 0 })}`;
  return { yaml, report };
}
