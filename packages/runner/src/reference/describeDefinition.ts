/**
 * A definition described from its schemas, as `plexus components` prints it and the generated
 * reference pages show it: description, each box with its message type, each param with its
 * type and default.
 */
import { type BoxSpec, type Definition, schemaJson, typeName, type z } from '@plexus/core';

/**
 * A component or composite definition described in words and types, from its schemas: what
 * `plexus components` prints and the reference pages show.
 *
 * Each box has its message type as TypeScript writes it (`string`, `{ word: string }`), and
 * each param its type, default, and whether it must be given.
 *
 * @example
 * ```ts
 * import { ReadLines } from '@plexus/components';
 * import { type Described, describeDefinition } from '@plexus/runner';
 *
 * const described: Described = describeDefinition(ReadLines);
 * for (const p of described.params) console.log(`${p.name}: ${p.type}`);
 * ```
 */
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
      const json = schemaJson(schema);
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
