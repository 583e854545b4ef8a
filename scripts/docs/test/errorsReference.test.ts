/** docs/reference/errors.md is what the packages' error tables say today (`docs:generate` writes it). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@jest/globals';
import { Errors } from '../../../packages/core/src/errors.ts';
import { NatsErrors } from '../../../packages/nats/src/errors.ts';
import { root } from '../codeBlocks.ts';
import { errorsReference } from '../errorsReference.ts';

const page = errorsReference();

test('the error reference is what the error tables generate (run `npm run docs:generate` if not)', () => {
  expect(readFileSync(join(root, 'docs/reference/errors.md'), 'utf8')).toBe(page);
});

test("every code of the core's ErrorCode type has its heading", () => {
  const union = readFileSync(join(root, 'packages/core/src/PlexusError.ts'), 'utf8');
  const codes = [...union.matchAll(/^\s*\|\s*'(ERR_[A-Z0-9_]+)'/gm)].map((m) => m[1]);
  expect(codes.length).toBeGreaterThan(30);
  for (const code of codes) expect(page).toContain(`### \`${code}\`\n`);
});

test('a row reads as the error it makes, with its values as placeholders', () => {
  // What the table makes, with each argument named as the page names it.
  const made = NatsErrors.nameTaken('‹name›', '‹host›').message;
  expect(page).toContain(`> ${made}\n`);
  const core = Errors.duplicateName('‹scope›', '‹name›').message;
  expect(page).toContain(`> ${core}\n`);
});
