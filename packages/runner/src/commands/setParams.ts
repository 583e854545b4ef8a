/**
 * `--set read.path=words.txt`: params of named instances, values read as YAML (by the reader of graph files), and
 * checked against the graph as strictly as the graph file's own params — a misspelt param or
 * instance is refused, at the `--set` argument that named it.
 */
import { checkParams } from '../file/checkParams.ts';
import type { LoadedGraph } from '../file/LoadedGraph.ts';
import { readYaml } from '../file/yamlSource.ts';
import { didYouMean, listNames } from '../naming.ts';

export class UsageError extends Error {
  readonly code = 'ERR_USAGE';
}

/** The `--set` arguments, parsed: params by instance, and which argument set each param. */
export interface Sets {
  readonly params: Map<string, Record<string, unknown>>;
  /** `instance` → top-level param → the `--set` argument that set it, as typed. */
  readonly args: Map<string, Map<string, string>>;
}

export function parseSets(sets: readonly string[]): Sets {
  const params = new Map<string, Record<string, unknown>>();
  const args = new Map<string, Map<string, string>>();
  for (const set of sets) {
    const match = /^([A-Za-z_][\w-]*)\.([A-Za-z_][\w.-]*)=(.*)$/s.exec(set);
    if (match === null) {
      throw new UsageError(
        `--set '${set}' is not instance.param=value (e.g. --set read.path=words.txt)`,
      );
    }
    const [, instance, param, raw] = match;
    // A list or map only when written as one (`[a, b]`, `{ k: v }`); otherwise a scalar, so
    // `--set read.path=-` is the string '-', not a YAML list.
    let value: unknown = raw;
    try {
      const parsed: unknown = readYaml(raw!);
      if (/^\s*[[{]/.test(raw!) || parsed === null || typeof parsed !== 'object') value = parsed;
    } catch {
      value = raw;
    }
    const target = params.get(instance!) ?? {};
    // a.b.c=1 sets nested objects.
    const keys = param!.split('.');
    let node: Record<string, unknown> = target;
    for (const key of keys.slice(0, -1)) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys[keys.length - 1]!] = value;
    params.set(instance!, target);
    const named = args.get(instance!) ?? new Map<string, string>();
    named.set(keys[0]!, set);
    args.set(instance!, named);
  }
  return { params, args };
}

/**
 * What is wrong with the `--set` arguments for `graph`, one sentence each, starting with the
 * argument: an instance the graph does not have, a param its component does not take, a
 * value its params schema refuses (checked merged with the file's params, as it will run).
 */
export function checkSets(graph: LoadedGraph, sets: Sets): string[] {
  const problems: string[] = [];
  const names = graph.components.map((c) => c.name);
  for (const [instance, params] of sets.params) {
    const named = sets.args.get(instance)!;
    const component = graph.components.find((c) => c.name === instance);
    if (component === undefined) {
      for (const arg of named.values())
        problems.push(
          `--set '${arg}': the graph has no component '${instance}'${didYouMean(instance, names) || `; its components are: ${listNames(names)}`}`,
        );
      continue;
    }
    const merged = { ...component.entry.params, ...params };
    const who = `component '${instance}' (${component.definition.name})`;
    checkParams(component.definition, merged, (path, message) => {
      const arg = named.get(String(path[0])) ?? [...named.values()][0]!;
      problems.push(`--set '${arg}': params of ${who}: ${message}`);
    });
  }
  return problems;
}
