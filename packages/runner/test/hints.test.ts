/**
 * Hints name things that exist. Every suggestion the runner's messages make is followed here:
 * each component a hint names resolves in the standard library, each command a hint names
 * runs, and each did-you-mean of the malformed corpus, written into the file, makes its
 * problem go away.
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as library from '@plexus/components';
import { fromNoflo, loadGraph, main, parseFbp } from '@plexus/runner';
import { NOFLO_EQUIVALENTS } from '../src/convert/nofloEquivalents.ts';
import { fixtures } from './support/plexus.ts';

// A copy of the malformed corpus, beside it (so its relative paths hold), to edit.
const malformed = join(fixtures, 'malformed');
const scratch = join(fixtures, 'hints-scratch');
beforeAll(() => cpSync(malformed, scratch, { recursive: true }));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every `@plexus/components#Name` a text names. */
function hintedComponents(text: string): string[] {
  return [...text.matchAll(/@plexus\/components#(\w+)/g)].map((m) => m[1]!);
}

function expectInLibrary(name: string): void {
  const found = (library as Record<string, unknown>)[name] as { kind?: unknown } | undefined;
  expect({ name, kind: found?.kind }).toEqual({
    name,
    kind: expect.stringMatching(/^(component|graph)$/),
  });
}

describe('component names in hints', () => {
  it('every NoFlo equivalent the converter may hint is a component of @plexus/components', () => {
    const names = Object.values(NOFLO_EQUIVALENTS).flatMap((e) => hintedComponents(e.use));
    expect(names.length).toBe(Object.keys(NOFLO_EQUIVALENTS).length);
    for (const name of names) expectInLibrary(name);
  });

  it.each(readdirSync(join(fixtures, 'noflo')).filter((f) => /\.(fbp|json)$/.test(f)))(
    'what converting %s hints, in the file, the notes and the check that follows, exists',
    async (file) => {
      const text = readFileSync(join(fixtures, 'noflo', file), 'utf8');
      const noflo = file.endsWith('.json') ? JSON.parse(text) : parseFbp(text);
      const { yaml, report } = fromNoflo(noflo, { name: 'converted', schema: 'x.json' });
      const converted = join(scratch, `converted-${file}.graph.yaml`);
      writeFileSync(converted, yaml);
      const { diagnostics } = await loadGraph(converted);
      expect(diagnostics.length).toBeGreaterThan(0);
      const hints = [yaml, ...report, ...diagnostics.map((d) => d.message)].join('\n');
      for (const name of hintedComponents(hints)) expectInLibrary(name);
    },
  );
});

describe('commands in hints', () => {
  it("'plexus components', which converter notes and noflo: errors point to, lists the library", async () => {
    let out = '';
    const code = await main(['components'], {
      out: (t) => {
        out += `${t}\n`;
      },
      err: () => {},
      color: false,
    });
    expect(code).toBe(0);
    for (const e of Object.values(NOFLO_EQUIVALENTS)) expect(out).toContain(e.use);
  });
});

/** `wrong` and the name suggested for it, from a did-you-mean message. */
function suggestion(message: string): { wrong: string; right: string } | undefined {
  const quoted = /'([^']+)'(?: \([^)]*\))?; did you mean '([^']+)'\?$/.exec(message);
  if (quoted !== null) return { wrong: quoted[1]!, right: quoted[2]! };
  const file = /there is no file (\S+) \(next to [^)]*\); did you mean '([^']+)'\?$/.exec(message);
  if (file !== null) return { wrong: file[1]!, right: file[2]! };
  return undefined;
}

describe('did-you-mean, followed', () => {
  const cases = readdirSync(malformed);

  it('the corpus has did-you-means to follow', async () => {
    let count = 0;
    for (const file of cases) {
      const { diagnostics } = await loadGraph(join(malformed, file));
      count += diagnostics.filter((d) => d.message.includes('did you mean')).length;
    }
    expect(count).toBeGreaterThanOrEqual(8);
  });

  it.each(cases)('%s: writing each suggestion in makes its problem go away', async (file) => {
    const path = join(scratch, file);
    const { diagnostics } = await loadGraph(path);
    for (const d of diagnostics.filter((x) => x.message.includes('did you mean'))) {
      const hint = suggestion(d.message);
      expect({ message: d.message, understood: hint !== undefined }).toEqual({
        message: d.message,
        understood: true,
      });
      const original = readFileSync(d.file, 'utf8');
      const lines = original.split('\n');
      const line = lines[d.line - 1]!;
      const at = line.indexOf(hint!.wrong, Math.max(0, d.column - 1 - hint!.wrong.length));
      expect(at).toBeGreaterThanOrEqual(0);
      lines[d.line - 1] = line.slice(0, at) + hint!.right + line.slice(at + hint!.wrong.length);
      writeFileSync(d.file, lines.join('\n'));
      const after = await loadGraph(path);
      writeFileSync(d.file, original);
      expect(after.diagnostics.map((x) => x.message)).not.toContainEqual(d.message);
    }
  });
});
