/**
 * A definition described from its schemas, as `plexus components` prints it and the generated
 * reference pages show it: description, each box with its message type, each param with its
 * type and default.
 */
import type { BoxSpec, Definition } from '@plexus/core';
import { z } from 'zod';

export interface Described {
  readonly name: string;
  readonly kind: 'component' | 'graph';
  readonly description: string;
  readonly inboxes: readonly {
    name: string;
    type: string;
    description: string;
    optional: boolean;
  }[];
  readonly outboxes: readonly {
    name: string;
    type: string;
    description: string;
    optional: boolean;
  }[];
  readonly params: readonly {
    name: string;
    type: string;
    description: string;
    default?: string;
    required: boolean;
  }[];
}

/**
 * A component definition described from its schemas: description, each box with its type,
 * each param with its type, default and description.
 *
 * This is what `plexus components` prints and the generated component reference shows.
 *
 * @example
 * ```ts
 * import { describeDefinition } from '@plexus/runner';
 * import { Shout } from './shout.ts';
 *
 * console.log(describeDefinition(Shout).inboxes.map((b) => `${b.name}: ${b.type}`));
 * ```
 */
export function describeDefinition(definition: Definition): Described {
  const boxes = (specs: Record<string, BoxSpec>) =>
    Object.entries(specs).map(([name, spec]) => ({
      name,
      type: typeName(spec.schema),
      description: spec.description,
      optional: spec.optional === true,
    }));
  const params = Object.entries((definition.params?.shape ?? {}) as Record<string, z.ZodType>).map(
    ([name, schema]) => {
      const json = jsonOf(schema);
      const entry: Described['params'][number] = {
        name,
        type: typeName(schema),
        description:
          schema.description ?? (typeof json?.description === 'string' ? json.description : ''),
        required: !schema.safeParse(undefined).success,
        ...(json !== undefined && 'default' in json
          ? { default: JSON.stringify(json.default) }
          : {}),
      };
      return entry;
    },
  );
  return {
    name: definition.name,
    kind: definition.kind,
    description: definition.description,
    inboxes: boxes(definition.inboxes as Record<string, BoxSpec>),
    outboxes: boxes(definition.outboxes as Record<string, BoxSpec>),
    params,
  };
}

/** A short name for the type a schema allows: `string`, `number[]`, `{ word, count }`, `any`. */
export function typeName(schema: z.ZodType): string {
  const json = jsonOf(schema);
  return json === undefined ? 'any' : nameOf(json);
}

function jsonOf(schema: z.ZodType): Record<string, unknown> | undefined {
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Record<
      string,
      unknown
    >;
  } catch {
    return undefined;
  }
}

function nameOf(json: Record<string, unknown>): string {
  if (Array.isArray(json.enum)) return json.enum.map((v) => JSON.stringify(v)).join(' | ');
  if ('const' in json) return JSON.stringify(json.const);
  const union = (json.anyOf ?? json.oneOf) as Record<string, unknown>[] | undefined;
  if (Array.isArray(union)) return union.map(nameOf).join(' | ');
  switch (json.type) {
    case 'array':
      return json.items === undefined
        ? 'array'
        : `${nameOf(json.items as Record<string, unknown>)}[]`;
    case 'object': {
      const keys = Object.keys((json.properties ?? {}) as object);
      return keys.length === 0 ? 'object' : `{ ${keys.join(', ')} }`;
    }
    case undefined:
      return json.format === 'binary' ? 'binary' : 'any';
    default:
      return String(json.type);
  }
}
