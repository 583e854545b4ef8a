/**
 * Checks that need the components themselves: params against their schemas, every box named
 * by a link, export or initial message exists and points the right way, linked schemas can
 * meet, required inboxes are fed and required outboxes lead somewhere, and placements make
 * sense. Messages name the thing and say the fix.
 */
import type { BoxSpec, Definition, z } from '@plexus/core';
import type { Diagnostic } from '../diagnostics.ts';
import { didYouMean, listNames } from '../naming.ts';
import { OPTION_BACKEND } from './graphFileSchema.ts';
import type { LoadedComponent, LoadedGraph } from './loadGraph.ts';
import { incompatible } from './schemaTypes.ts';

type Path = (string | number)[];

export function checkGraph(graph: LoadedGraph): Diagnostic[] {
  const problems: Diagnostic[] = [];
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
      at(
        `there is no component '${name}'${didYouMean(name, [...byName.keys()]) || `; the components are: ${listNames([...byName.keys()])}`}`,
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

  for (const component of graph.components) checkComponent(component, report);

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
  if (problems.length > 0) return problems;
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
): void {
  const { name, entry, definition } = component;
  const who = `component '${name}' (${definition.name})`;
  checkParams(definition, entry.params, (path, message, offset) =>
    report(
      ['components', name, 'params', ...path],
      `params of ${who}: ${message}`,
      offset === undefined ? {} : { offset },
    ),
  );
  for (const option of Object.keys(entry.options ?? {})) {
    const reader = OPTION_BACKEND[option];
    if (reader !== undefined && reader !== (entry.backend ?? 'inline'))
      report(
        ['components', name, 'options', option],
        `${who} runs ${entry.backend === undefined ? 'inline' : `on the ${entry.backend} backend`}, but its option '${option}' is for the ${reader} backend; set 'backend: ${reader}' or remove the option`,
        { key: true },
      );
  }
  if ((entry.replicas ?? 1) > 1 && (entry.backend ?? 'inline') === 'inline') {
    report(
      ['components', name, 'replicas'],
      `${who} asks for ${entry.replicas} replicas, which run off the main thread; set its backend to worker or process`,
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

/**
 * Params against the definition's schema. A schema can point into a string param (an
 * expression, a pattern): a custom issue with `params: { offset }` (characters into the
 * string) is reported at that character, e.g. where a JSONata expression goes wrong.
 */
function checkParams(
  definition: Definition,
  params: Record<string, unknown> | undefined,
  report: (path: Path, message: string, offset?: number) => void,
): void {
  if (definition.params === undefined) {
    const given = Object.keys(params ?? {});
    if (given.length > 0)
      report([given[0]!], `it takes no params, but was given ${listNames(given)}`);
    return;
  }
  // Params schemas strip keys they do not know; a graph file's typo should not vanish silently.
  const known = Object.keys(definition.params.shape);
  const unknown = Object.keys(params ?? {}).filter((key) => !known.includes(key));
  for (const key of unknown) {
    report(
      [key],
      `it has no param '${key}'${didYouMean(key, known) || `; its params are: ${listNames(known)}`}`,
    );
  }
  const result = definition.params.safeParse(params ?? {}, { reportInput: true });
  if (result.success) return;
  for (const issue of result.error.issues) {
    const path = issue.path as Path;
    if (issue.code === 'unrecognized_keys') continue; // reported above
    const offset = issue.code === 'custom' ? issue.params?.offset : undefined;
    report(
      path,
      `${path.length === 0 ? 'they' : `'${path.join('.')}'`} ${issueText(issue)}`,
      typeof offset === 'number' ? offset : undefined,
    );
  }
}

/** What is wrong, as the end of a sentence: `must be an array, not a number`. */
function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const got =
      issue.input === null ? 'null' : Array.isArray(issue.input) ? 'array' : typeof issue.input;
    return issue.input === undefined
      ? `is required (${an(issue.expected)})`
      : `must be ${an(issue.expected)}, not ${an(got)}`;
  }
  if (issue.code === 'invalid_value')
    return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'too_small') return `must be at least ${String(issue.minimum)}`;
  if (issue.code === 'too_big') return `must be at most ${String(issue.maximum)}`;
  return issue.message.replace(/^Invalid input: /, 'is not valid: ');
}

function an(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describeFit(issue: z.core.$ZodIssue | undefined): string {
  if (issue === undefined) return 'it is not valid';
  const where = issue.path.length === 0 ? 'it' : `its '${issue.path.join('.')}'`;
  return `${where} ${issueText(issue)}`;
}
