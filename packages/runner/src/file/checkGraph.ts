/**
 * Checks that need the components themselves: params against their schemas, every box named
 * by a link, export or initial message exists and points the right way, linked schemas can
 * meet, required inboxes are fed and required outboxes lead somewhere, and placements make
 * sense. Messages name the thing and say the fix.
 */
import type { BoxSpec, z } from '@plexus/core';
import type { Diagnostic } from '../diagnostics.ts';
import { didYouMean, listNames } from '../naming.ts';
import { checkParams, issueText } from './checkParams.ts';
import { NATS_OPTIONS, OPTION_BACKEND } from './graphFileSchema.ts';
import type { LoadedComponent, LoadedGraph } from './LoadedGraph.ts';
import { incompatible } from './schemaTypes.ts';

type Path = (string | number)[];

/** What is known of a graph before these checks. */
export interface CheckContext {
  /** Components whose `use` could not be resolved (already reported): links to them are not. */
  readonly unresolved?: ReadonlySet<string>;
  /** Unknown keys, already reported and left out of the file. */
  readonly unknown?: readonly (readonly (string | number)[])[];
  /** Nothing is wrong so far: only then is what is left unlinked worth saying. */
  readonly complete?: boolean;
}

export function checkGraph(graph: LoadedGraph, context: CheckContext = {}): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const unresolved = context.unresolved ?? new Set<string>();
  // An entry whose params were misspelt ('parms') has none: saying which it lacks is noise.
  const paramsMisspelt = new Set(
    (context.unknown ?? [])
      .filter(
        (path) =>
          path[0] === 'components' &&
          path.length === 3 &&
          didYouMean(String(path[2]), ['params']) !== '',
      )
      .map((path) => String(path[1])),
  );
  const byName = new Map(graph.components.map((c) => [c.name, c]));
  const report = (path: Path, message: string, options?: { key?: boolean; offset?: number }) =>
    problems.push(graph.at(path, message, options));

  /** The box `ref` (`component.box`) as an inbox or outbox, or a diagnostic. */
  const box = (
    ref: string,
    dir: 'in' | 'out',
    path: Path,
    offset?: number,
  ): { component: LoadedComponent; name: string; spec: BoxSpec } | undefined => {
    const dot = ref.indexOf('.');
    const [name, boxName] = [ref.slice(0, dot), ref.slice(dot + 1)];
    const at = (message: string, shift = 0) =>
      report(path, message, offset === undefined ? {} : { offset: offset + shift });
    const component = byName.get(name);
    if (component === undefined) {
      if (unresolved.has(name)) return undefined;
      const names = Object.keys(graph.file.components);
      at(
        `there is no component '${name}'${didYouMean(name, names) || `; the components are: ${listNames(names)}`}`,
      );
      return undefined;
    }
    const { definition } = component;
    const boxes = (dir === 'in' ? definition.inboxes : definition.outboxes) as Record<
      string,
      BoxSpec
    >;
    const other = (dir === 'in' ? definition.outboxes : definition.inboxes) as Record<
      string,
      BoxSpec
    >;
    const spec = boxes[boxName];
    if (spec !== undefined) return { component, name: boxName, spec };
    // Boxes its params configure are unknown while its params are wrong (reported already).
    if (definition.kind === 'component' && definition.boxesFor !== undefined) return undefined;
    const kind = dir === 'in' ? 'inbox' : 'outbox';
    if (other[boxName] !== undefined) {
      at(
        `'${ref}' is an ${dir === 'in' ? 'outbox' : 'inbox'}, but a link goes from an outbox to an inbox`,
      );
    } else {
      at(
        `component '${name}' has no ${kind} '${boxName}'${didYouMean(boxName, Object.keys(boxes)) || `; its ${kind}es are: ${listNames(Object.keys(boxes))}`}`,
        dot + 1,
      );
    }
    return undefined;
  };

  const isReversed = (from: string, to: string): boolean => {
    const side = (ref: string, kind: 'inboxes' | 'outboxes') => {
      const dot = ref.indexOf('.');
      const definition = byName.get(ref.slice(0, dot))?.definition;
      return definition !== undefined && ref.slice(dot + 1) in definition[kind];
    };
    return side(from, 'inboxes') && side(to, 'outboxes');
  };

  const fedInboxes = new Set<string>();
  const usedOutboxes = new Set<string>();

  for (const component of graph.components)
    checkComponent(component, report, !paramsMisspelt.has(component.name));

  for (const link of graph.links) {
    if (isReversed(link.from, link.to)) {
      report(
        ['links', link.index],
        `link ${link.from} -> ${link.to} goes from an inbox to an outbox; links go from an outbox to an inbox: write it as ${link.to} -> ${link.from}`,
      );
      continue;
    }
    const path: Path =
      link.offsets === undefined ? ['links', link.index, 'from'] : ['links', link.index];
    const from = box(link.from, 'out', path, link.offsets?.from);
    const to = box(
      link.to,
      'in',
      link.offsets === undefined ? ['links', link.index, 'to'] : path,
      link.offsets?.to,
    );
    if (from === undefined || to === undefined) continue;
    // A graph used as a component places its own components: only leaves are judged here.
    const offNats = (c: LoadedComponent) =>
      c.definition.kind === 'component' && c.entry.backend !== 'nats';
    if (link.durable === true && offNats(from.component) && offNats(to.component))
      report(
        ['links', link.index, 'durable'],
        `link ${link.from} -> ${link.to} is durable, but neither '${from.component.name}' nor '${to.component.name}' runs on nats, so no JetStream stream would keep its messages; set 'backend: nats' on one of them or remove 'durable'`,
        { key: true },
      );
    fedInboxes.add(link.to);
    usedOutboxes.add(link.from);
    const clash = incompatible(from.spec.schema, to.spec.schema);
    if (clash !== undefined) {
      report(
        ['links', link.index],
        `link ${link.from} -> ${link.to} joins an outbox of ${clash.from} to an inbox of ${clash.to}, so no message could ever fit both; link boxes whose schemas agree`,
      );
    }
  }

  for (const [name, inbox] of Object.entries(graph.file.inboxes ?? {})) {
    for (const [i, target] of [inbox.to].flat().entries()) {
      if (
        box(target, 'in', ['inboxes', name, 'to', ...(Array.isArray(inbox.to) ? [i] : [])]) !==
        undefined
      )
        fedInboxes.add(target);
    }
  }
  for (const [name, outbox] of Object.entries(graph.file.outboxes ?? {})) {
    for (const [i, source] of [outbox.from].flat().entries()) {
      if (
        box(source, 'out', [
          'outboxes',
          name,
          'from',
          ...(Array.isArray(outbox.from) ? [i] : []),
        ]) !== undefined
      )
        usedOutboxes.add(source);
    }
  }
  for (const [target, messages] of Object.entries(graph.file.initial ?? {})) {
    const inbox = box(target, 'in', ['initial', target]);
    if (inbox === undefined) continue;
    fedInboxes.add(target);
    messages.forEach((message, i) => {
      const fits = inbox.spec.schema.safeParse(message, { reportInput: true });
      if (!fits.success)
        report(
          ['initial', target, i],
          `initial message ${i + 1} for '${target}' does not fit the inbox: ${describeFit(fits.error.issues[0])}`,
        );
    });
  }

  // What is unlinked is only worth saying once every link, export and initial message is right.
  if (problems.length > 0 || context.complete === false) return problems;
  for (const component of graph.components) {
    for (const [name, spec] of Object.entries(
      component.definition.inboxes as Record<string, BoxSpec>,
    )) {
      if (spec.optional === true || fedInboxes.has(`${component.name}.${name}`)) continue;
      report(
        ['components', component.name],
        `component '${component.name}' (${component.definition.name}) has nothing linked into its inbox '${name}'; link it (e.g. 'x.out -> ${component.name}.${name}'), give it initial messages, or export it`,
        { key: true },
      );
    }
    for (const [name, spec] of Object.entries(
      component.definition.outboxes as Record<string, BoxSpec>,
    )) {
      if (spec.optional === true || usedOutboxes.has(`${component.name}.${name}`)) continue;
      report(
        ['components', component.name],
        `component '${component.name}' (${component.definition.name}) has its outbox '${name}' linked to nothing, and would fail the run when it sends there; link it (e.g. '${component.name}.${name} -> y.in') or export it`,
        { key: true },
      );
    }
  }
  return problems;
}

function checkComponent(
  component: LoadedComponent,
  report: (path: Path, message: string, options?: { key?: boolean; offset?: number }) => void,
  withParams: boolean,
): void {
  const { name, entry, definition } = component;
  const who = `component '${name}' (${definition.name})`;
  if (withParams)
    checkParams(definition, entry.params, (path, message, where) =>
      report(['components', name, 'params', ...path], `params of ${who}: ${message}`, where),
    );
  for (const option of Object.keys(entry.options ?? {})) {
    const reader = OPTION_BACKEND[option];
    const natsReads = entry.backend === 'nats' && NATS_OPTIONS.has(option);
    if (reader !== undefined && reader !== (entry.backend ?? 'inline') && !natsReads)
      report(
        ['components', name, 'options', option],
        `${who} runs ${entry.backend === undefined ? 'inline' : `on the ${entry.backend} backend`}, but its option '${option}' is for the ${reader} backend; set 'backend: ${reader}' or remove the option`,
        { key: true },
      );
  }
  for (const key of ['node', 'labels'] as const) {
    if (entry[key] !== undefined && entry.backend !== 'nats')
      report(
        ['components', name, key],
        `${who} has '${key}', which places it on a node agent; set 'backend: nats' or remove '${key}'`,
        { key: true },
      );
  }
  if (entry.node !== undefined && entry.labels !== undefined)
    report(
      ['components', name, 'labels'],
      `${who} names both a node and labels; keep one: 'node' picks one node agent, 'labels' any that has them`,
      { key: true },
    );
  if ((entry.replicas ?? 1) > 1 && (entry.backend ?? 'inline') === 'inline') {
    report(
      ['components', name, 'replicas'],
      `${who} asks for ${entry.replicas} replicas, which run off the main thread; set its backend to worker, process or nats`,
    );
  }
  if ((entry.replicas ?? 1) > 1 && definition.kind === 'graph') {
    report(
      ['components', name, 'replicas'],
      `${who} is a graph, and replicas apply to components; give the replicas to its components`,
    );
  }
  if (entry.ordered === true && (entry.replicas ?? 1) < 2) {
    report(
      ['components', name, 'ordered'],
      `${who} is 'ordered', which only matters with replicas; add replicas or remove it`,
    );
  }
}

function describeFit(issue: z.core.$ZodIssue | undefined): string {
  if (issue === undefined) return 'it is not valid';
  const where = issue.path.length === 0 ? 'it' : `its '${issue.path.join('.')}'`;
  return `${where} ${issueText(issue)}`;
}
