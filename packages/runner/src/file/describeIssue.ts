/**
 * A schema problem of a graph file as a sentence at its place: unknown keys with a
 * did-you-mean (every one of them), missing and mistyped values, links that are neither
 * shorthand nor objects.
 */
import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics.ts';
import { didYouMean } from '../naming.ts';
import type { ParsedGraphFile } from './ParsedGraphFile.ts';

type Path = readonly (string | number)[];

const KNOWN_KEYS: Record<string, readonly string[]> = {
  graph: [
    '$schema',
    'name',
    'description',
    'components',
    'links',
    'inboxes',
    'outboxes',
    'initial',
    'capacity',
    'supervise',
    'comment',
  ],
  component: [
    'use',
    'params',
    'backend',
    'group',
    'replicas',
    'ordered',
    'priority',
    'options',
    'supervise',
    'comment',
  ],
  supervise: ['strategy', 'maxRestarts', 'withinMs', 'backoffMs', 'maxBackoffMs', 'onCrash'],
  link: ['from', 'to', 'capacity', 'priority', 'durable', 'comment'],
  options: ['resourceLimits', 'env', 'cwd', 'memoryMb', 'youngMb', 'permissions', 'external'],
  permissions: ['read', 'write', 'childProcess', 'worker', 'env'],
  resourceLimits: [
    'maxOldGenerationSizeMb',
    'maxYoungGenerationSizeMb',
    'codeRangeSizeMb',
    'stackSizeMb',
  ],
  inbox: ['to', 'description'],
  outbox: ['from', 'description'],
};

function keysAt(path: Path): readonly string[] {
  if (path.length === 0) return KNOWN_KEYS.graph!;
  if (path.length === 1 && path[0] === 'supervise') return KNOWN_KEYS.supervise!;
  if (path[0] === 'components' && path.length === 2) return KNOWN_KEYS.component!;
  if (path[0] === 'components' && path.length >= 3) return KNOWN_KEYS[String(path.at(-1))] ?? [];
  if (path[0] === 'links') return KNOWN_KEYS.link!;
  if (path[0] === 'inboxes') return KNOWN_KEYS.inbox!;
  if (path[0] === 'outboxes') return KNOWN_KEYS.outbox!;
  return [];
}

/** What is wrong, one diagnostic per problem (an issue of unknown keys names each key). */
export function describeIssue(issue: z.core.$ZodIssue, at: ParsedGraphFile['at']): Diagnostic[] {
  const path = issue.path as (string | number)[];
  if (issue.code === 'unrecognized_keys') {
    const name = pathName(path);
    const known = keysAt(path);
    return issue.keys.map((key) =>
      at(
        [...path, key],
        `${name === 'the graph' ? 'a graph' : name} has no setting '${key}'${didYouMean(key, known) || `; its settings are: ${known.join(', ')}`}`,
        { key: true },
      ),
    );
  }
  if (issue.code === 'invalid_union' && path[0] === 'links') {
    // A link written as an object: say what is wrong with the object, not with the union.
    const asObject = issue.errors[1];
    if (asObject?.every((i) => i.path.length > 0 || i.code === 'unrecognized_keys'))
      return asObject.flatMap((inner) =>
        describeIssue({ ...inner, path: [...path, ...inner.path] } as z.core.$ZodIssue, at),
      );
  }
  return [describeOne(issue, path, at)];
}

function describeOne(
  issue: z.core.$ZodIssue,
  path: (string | number)[],
  at: ParsedGraphFile['at'],
): Diagnostic {
  const name = pathName(path);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined)
        return at(
          path.slice(0, -1),
          `${pathName(path.slice(0, -1))} needs '${String(path[path.length - 1])}'`,
          { key: true },
        );
      return at(path, `${name} must be ${article(issue.expected)}`);
    case 'invalid_value':
      return at(path, `${name} must be one of ${issue.values.map((v) => String(v)).join(', ')}`);
    case 'invalid_union':
      return at(
        path,
        path[0] === 'links'
          ? `${name} must be 'component.box -> component.box' or { from, to, capacity, priority }`
          : `${name} is not valid: ${issue.message}`,
      );
    case 'too_small':
    case 'too_big': {
      const bound = `${issue.code === 'too_small' ? 'at least' : 'at most'} ${String(issue.code === 'too_small' ? issue.minimum : issue.maximum)}`;
      return at(
        path,
        issue.origin === 'array' || issue.origin === 'string'
          ? `${name} must have ${bound} ${issue.origin === 'array' ? 'entries' : 'characters'}`
          : `${name} must be ${bound}`,
      );
    }
    case 'invalid_key':
      return at(path, `${name}: ${issue.issues[0]?.message ?? issue.message}`, { key: true });
    default:
      return at(path, `${name}: ${issue.message}`);
  }
}

/** `the graph`, `link 2`, `link 2's 'capacity'`, `'components.split.backend'`. */
function pathName(path: Path): string {
  if (path.length === 0) return 'the graph';
  if (path[0] === 'links' && typeof path[1] === 'number') {
    const rest = path.slice(2);
    return `link ${path[1] + 1}${rest.length === 0 ? '' : `'s '${rest.join('.')}'`}`;
  }
  return `'${path.join('.')}'`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
