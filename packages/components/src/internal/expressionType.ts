/**
 * What a JSONata expression can produce, read from its syntax tree where that is certain: a
 * string (`&`, a string literal, `$string()`, …), a number (arithmetic, `$sum()`, …), a
 * boolean (comparisons, `and`, `$exists()`, …), an object (`{ … }`) or an array (`[ … ]`).
 * Anything else (a path into the message, a variable) is unknown. Nothing (no match) is never
 * sent, so it does not count. The component's outbox then says so, and `plexus check` refuses
 * a link into an inbox that could never take it.
 */
import { z } from '@plexus/core';
import jsonata from 'jsonata';

type Kind = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'unknown';

const STRING_FUNCTIONS = new Set([
  'string',
  'substring',
  'substringBefore',
  'substringAfter',
  'uppercase',
  'lowercase',
  'trim',
  'pad',
  'join',
  'replace',
  'base64encode',
  'base64decode',
  'encodeUrl',
  'encodeUrlComponent',
  'decodeUrl',
  'decodeUrlComponent',
  'formatNumber',
  'formatBase',
  'formatInteger',
  'fromMillis',
  'now',
  'type',
]);
const NUMBER_FUNCTIONS = new Set([
  'number',
  'abs',
  'floor',
  'ceil',
  'round',
  'power',
  'sqrt',
  'random',
  'sum',
  'max',
  'min',
  'average',
  'count',
  'length',
  'parseInteger',
  'toMillis',
  'millis',
]);
const BOOLEAN_FUNCTIONS = new Set(['boolean', 'not', 'exists', 'contains']);
const OBJECT_FUNCTIONS = new Set(['merge', 'sift']);
const ARRAY_FUNCTIONS = new Set(['split', 'zip']);

const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);
const COMPARISON = new Set(['=', '!=', '<', '<=', '>', '>=', 'and', 'or', 'in']);

/** The schema of what `text` (a valid expression) can produce. */
export function expressionSchema(text: string): z.ZodType {
  let kinds: Set<Kind>;
  try {
    kinds = kindsOf(jsonata(text).ast());
  } catch {
    return z.unknown();
  }
  if (kinds.has('unknown') || kinds.size === 0) return z.unknown();
  const schemas = [...kinds].map((kind) => SCHEMAS[kind as Exclude<Kind, 'unknown'>]);
  return schemas.length === 1 ? schemas[0]! : z.union(schemas as [z.ZodType, z.ZodType]);
}

const SCHEMAS: Record<Exclude<Kind, 'unknown'>, z.ZodType> = {
  string: z.string(),
  number: z.number(),
  boolean: z.boolean(),
  object: z.record(z.string(), z.unknown()),
  array: z.array(z.unknown()),
};

const UNKNOWN = new Set<Kind>(['unknown']);

function kindsOf(node: jsonata.ExprNode & Record<string, any>): Set<Kind> {
  switch (node.type) {
    case 'string':
      return new Set(['string']);
    case 'number':
      return new Set(['number']);
    case 'value':
      return typeof node.value === 'boolean' ? new Set(['boolean']) : UNKNOWN;
    case 'binary':
      if (node.value === '&') return new Set(['string']);
      if (ARITHMETIC.has(node.value)) return new Set(['number']);
      if (COMPARISON.has(node.value)) return new Set(['boolean']);
      return UNKNOWN;
    case 'unary':
      if (node.value === '-') return new Set(['number']);
      if (node.value === '{' && !Array.isArray(node.group)) return new Set(['object']);
      if (node.value === '[') return new Set(['array']);
      return UNKNOWN;
    case 'function': {
      const name = node.procedure?.type === 'variable' ? String(node.procedure.value) : '';
      if (STRING_FUNCTIONS.has(name)) return new Set(['string']);
      if (NUMBER_FUNCTIONS.has(name)) return new Set(['number']);
      if (BOOLEAN_FUNCTIONS.has(name)) return new Set(['boolean']);
      if (OBJECT_FUNCTIONS.has(name)) return new Set(['object']);
      if (ARRAY_FUNCTIONS.has(name)) return new Set(['array']);
      return UNKNOWN;
    }
    case 'condition': {
      const then = kindsOf(node.then);
      if (node.else === undefined) return then;
      return new Set([...then, ...kindsOf(node.else)]);
    }
    case 'block':
      return node.expressions !== undefined && node.expressions.length > 0
        ? kindsOf(node.expressions.at(-1)!)
        : UNKNOWN;
    default:
      return UNKNOWN;
  }
}
