/**
 * Templates with JSONata in `{{ }}`: `Reading {{ payload.temp }} °C from {{ topic }}`. The text
 * is split once into literal pieces and expressions; a syntax error is located at its
 * character in the whole template.
 */
import type { z } from '@plexus/core';
import { syntaxError } from './expression.ts';

/** A template's pieces: literal text, and expressions with their offset in the template. */
export type Piece = { text: string } | { expression: string; offset: number };

/** Split a template into pieces; `{{` without a closing `}}` is an error (thrown as text). */
export function pieces(template: string): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (;;) {
    const open = template.indexOf('{{', at);
    if (open < 0) break;
    const close = template.indexOf('}}', open + 2);
    if (close < 0) throw new TemplateProblem(open, "'{{' is not closed by '}}'");
    if (open > at) out.push({ text: template.slice(at, open) });
    const inner = template.slice(open + 2, close);
    const lead = inner.length - inner.trimStart().length;
    if (inner.trim() === '') throw new TemplateProblem(open, "'{{ }}' holds no expression");
    out.push({ expression: inner.trim(), offset: open + 2 + lead });
    at = close + 2;
  }
  if (at < template.length) out.push({ text: template.slice(at) });
  return out;
}

class TemplateProblem extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** The zod check of a template param: every `{{ }}` closed and a valid expression. */
export function checkTemplate(template: string, ctx: z.core.$RefinementCtx<string>): void {
  let parts: Piece[];
  try {
    parts = pieces(template);
  } catch (error) {
    const problem = error as TemplateProblem;
    ctx.addIssue({
      code: 'custom',
      message: `is not a valid template: ${problem.message} (at character ${problem.offset + 1}); write expressions as {{ expression }}`,
      input: template,
      params: { offset: problem.offset },
    });
    return;
  }
  for (const part of parts) {
    if (!('expression' in part)) continue;
    const problem = syntaxError(part.expression);
    if (problem === undefined) continue;
    const offset = part.offset + problem.offset;
    ctx.addIssue({
      code: 'custom',
      message: `has an expression that is not valid JSONata: ${problem.message} (at character ${offset + 1}, in {{ ${part.expression} }}); fix the expression (see https://docs.jsonata.org)`,
      input: template,
      params: { offset },
    });
  }
}
