/**
 * Every public export has TSDoc: a summary, and an example (which the docs checker
 * type-checks) — functions, classes and constants, and types too.
 */
import { describe, expect, test } from '@jest/globals';
import { exportDocs } from '../tsdoc.ts';

/** `packages/core/src/backend/index.ts: Backend` as `core/backend: Backend`. */
const short = (name: string) =>
  name.replace(/^packages\/([^/]+)\/src\/(?:(.*)\/)?index\.ts:/, (_, pkg, sub) =>
    sub === undefined ? `${pkg}:` : `${pkg}/${sub}:`,
  );

const docs = exportDocs().map((doc) => ({ ...doc, name: short(doc.name) }));

describe('the TSDoc of the public exports', () => {
  test('covers every entry point', () => {
    expect(docs.length).toBeGreaterThan(200);
    expect(docs.map((d) => d.name)).toEqual(
      expect.arrayContaining(['runner: Diagnostic', 'core: graph', 'inspector/client: eventsUrl']),
    );
  });

  test('every export has a summary', () => {
    expect(docs.filter((d) => d.summary === '').map((d) => d.name)).toEqual([]);
  });

  test('every function, class and constant has an example', () => {
    expect(docs.filter((d) => d.value && !d.example).map((d) => d.name)).toEqual([]);
  });

  test('every type has an example too', () => {
    expect(docs.filter((d) => !d.value && !d.example).map((d) => d.name)).toEqual([]);
  });
});
