/**
 * Run-time checks of a definition's declaration, so a malformed one fails where it is
 * defined with a sentence that says what to fix, not later with a puzzling error.
 */
import { Errors } from '../errors.ts';
import type { BoxSpecs } from '../types.ts';
import { NAME } from './naming.ts';

interface Declaration {
  readonly name?: unknown;
  readonly description?: unknown;
  readonly inboxes?: unknown;
  readonly outboxes?: unknown;
  readonly params?: unknown;
}

/** Throws `ERR_BAD_DEFINITION` unless `spec` declares a valid name, description, boxes and params. */
export function checkDeclaration(kind: 'Component' | 'Graph', spec: Declaration): void {
  const what = `${kind} definition ${typeof spec.name === 'string' ? `'${spec.name}'` : ''}`.trim();
  if (typeof spec.name !== 'string' || !NAME.test(spec.name)) {
    throw Errors.badDefinition(
      what,
      `name ${JSON.stringify(spec.name)} is not valid; use a letter followed by letters, digits, '_' or '-', e.g. 'SplitWords'`,
    );
  }
  if (typeof spec.description !== 'string' || spec.description.trim() === '') {
    throw Errors.badDefinition(what, "it has no description; add a one-line 'description'");
  }
  checkBoxes(what, 'inbox', spec.inboxes);
  checkBoxes(what, 'outbox', spec.outboxes);
  const params = spec.params as { shape?: unknown; safeParse?: unknown } | undefined;
  if (
    params !== undefined &&
    (typeof params.safeParse !== 'function' || typeof params.shape !== 'object')
  ) {
    throw Errors.badDefinition(
      what,
      "'params' must be a zod object, e.g. z.object({ size: z.number().default(10) })",
    );
  }
}

export function checkBoxes(what: string, kind: string, boxes: unknown): void {
  if (boxes === undefined) return;
  if (typeof boxes !== 'object' || boxes === null) {
    throw Errors.badDefinition(
      what,
      `'${kind}es' must be an object of boxes, e.g. { in: box(z.string(), 'Text.') }`,
    );
  }
  for (const [name, spec] of Object.entries(boxes as BoxSpecs)) {
    if (!NAME.test(name)) {
      throw Errors.badDefinition(
        what,
        `${kind} name '${name}' is not valid; use letters, digits, '_' or '-'`,
      );
    }
    const schema = (spec as { schema?: { safeParse?: unknown } } | undefined)?.schema;
    if (typeof schema?.safeParse !== 'function') {
      throw Errors.badDefinition(
        what,
        `${kind} '${name}' has no zod schema; declare it as box(z.string(), 'One-line description.')`,
      );
    }
    if (typeof spec.description !== 'string' || spec.description.trim() === '') {
      throw Errors.badDefinition(
        what,
        `${kind} '${name}' has no description; declare it as box(schema, 'One-line description.')`,
      );
    }
  }
}
