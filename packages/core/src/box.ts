import type { z } from 'zod';
import type { BoxSpec } from './types.ts';

/**
 * Declare an inbox or outbox: the zod schema of its messages and a one-line description.
 *
 * The schema types the box (`send` accepts only what fits; a link compiles only between
 * boxes whose types agree) and, in checked mode, validates every message at run time. The
 * description documents the box in generated reference pages and in `plexus components`.
 *
 * @example
 * ```ts
 * import { box, z } from '@plexus/core';
 *
 * const inboxes = { in: box(z.string(), 'Lines of text to split into words.') };
 * const outboxes = { errors: box(z.string(), 'Lines that failed to parse.', { optional: true }) };
 * ```
 */
export function box<S extends z.ZodType>(
  schema: S,
  description: string,
  options: { readonly optional?: boolean } = {},
): BoxSpec<S> {
  return options.optional === true
    ? { schema, description, optional: true }
    : { schema, description };
}
