/**
 * The examples of docs/reference/components.md (each component's TSDoc @example) are code
 * that works: every one compiles and imports only what the packages (and node:fs, node:os,
 * node:path) export, and every one says what it sends (`// out: [68, 86]` after a
 * runComponent, or after a graph that collects into arrays), is run, and sends that.
 * The networked ones run for real: MQTT against the broker on 127.0.0.1:1883 (Mosquitto),
 * HTTP, TCP, WebSocket and UDP between a server and a client of the example on a free port;
 * TcpServer loads its protocol by name (`@plexus/components#Delay`, an echo). The file ones
 * write and read under `os.tmpdir()`, here a directory of this test's own. An example that
 * says `prints: '…'` is checked against what it printed on stdout, and one that says
 * `printf '…' | node …` gets that text as its standard input.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, test } from '@jest/globals';
import * as core from '@plexus/core';
import { transformSync } from 'esbuild';
import * as components from '../../src/index.ts';
import { documentedExports } from '../../src/reference/componentsReference.ts';
import { exampleOf } from '../../src/reference/examples.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plexus-examples-'));
const modules: Record<string, Record<string, unknown>> = {
  '@plexus/components': components,
  '@plexus/core': core,
  'node:fs': fs,
  // The examples' os.tmpdir() is a directory of this test's own, removed after it.
  'node:os': { ...os, tmpdir: () => tmp },
  'node:path': { ...path },
};

const examples = documentedExports(components).entries.map((entry) => {
  const source =
    entry.kind === 'definition' ? entry.definition.source : entry.reference.sample().source;
  return [entry.name, exampleOf(source, entry.name)] as const;
});

/** The example as the body of an async function of its modules; imports become lookups. */
function compile(code: string): { body: string; imports: [string, string][] } {
  const imports: [string, string][] = [];
  const body = code.replace(
    /^import (type )?\{([^}]*)\} from '([^']+)';$/gm,
    (_, type: string | undefined, names: string, from: string) => {
      if (type !== undefined) return '';
      const list = names
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '' && !n.startsWith('type '));
      for (const name of list) imports.push([from, name]);
      return `const { ${list.join(', ')} } = __modules[${JSON.stringify(from)}];`;
    },
  );
  return { body, imports };
}

/**
 * What the example says it sends: the `// name: value` comment after its last statement, in an
 * example that runs a component (`runComponent`) or a graph it collects from (`collectInto`).
 */
function expected(code: string): Record<string, unknown> | undefined {
  // The comment lines that end the example, the first of them starting with `name: `.
  const match = /\n\/\/ (\w+: .*(?:\n\/\/.*)*)$/.exec(code.trimEnd());
  if (match === null || !/\b(runComponent|collectInto)\(/.test(code)) return undefined;
  const text = match[1]!
    .split('\n')
    .map((line) => line.replace(/^\/\/ ?/, ''))
    .join('\n');
  try {
    return new Function(`return ({ ${text} });`)() as Record<string, unknown>;
  } catch {
    return undefined; // a comment in words, not a value
  }
}

describe('the examples of the component reference', () => {
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('every component and factory has one', () => {
    expect(examples.filter(([, code]) => code === undefined).map(([name]) => name)).toEqual([]);
  });

  test.each(examples.map(([name, code]) => [name, code!]))(
    '%s: compiles, and imports only what the packages export',
    (_name, code) => {
      const { body, imports } = compile(code);
      for (const [from, name] of imports) {
        expect(Object.keys(modules)).toContain(from);
        expect(modules[from]).toHaveProperty(name);
      }
      expect(() =>
        transformSync(`async function example(){${body}\n}`, { loader: 'ts' }),
      ).not.toThrow();
    },
  );

  const runnable = examples.filter(
    ([, code]) => code !== undefined && expected(code) !== undefined,
  );

  test('every one says what it sends, and is run', () => {
    expect(
      examples.filter(([, code]) => expected(code!) === undefined).map(([name]) => name),
    ).toEqual([]);
  });

  test.each(runnable.map(([name, code]) => [name, code!]))(
    '%s: sends what it says',
    async (_name, code) => {
      const { prints, ...want } = expected(code)!;
      const { body } = compile(code);
      const js = transformSync(
        `async function example(__modules){${body}\nreturn { ${Object.keys(want).join(', ')} };\n}`,
        { loader: 'ts' },
      ).code;
      const example = new Function(`${js}\nreturn example;`)() as (
        m: typeof modules,
      ) => Promise<Record<string, unknown>>;
      const printed: string[] = [];
      const got = await withStdio(stdinOf(code), printed, () => example(modules));
      expect(prints === undefined ? got : { ...got, prints: printed.join('') }).toEqual(
        prints === undefined ? want : { ...want, prints },
      );
    },
  );
});

/** The standard input an example is said to get: `printf 'flow\nbased\n' | node …`. */
function stdinOf(code: string): string | undefined {
  const match = /\bprintf '((?:[^'\\]|\\.)*)' \|/.exec(code);
  return match === null ? undefined : (new Function(`return '${match[1]}';`)() as string);
}

/**
 * Run `f` with `input` (if given) as process.stdin, and process.stdout captured into
 * `printed`: the examples of Stdin and ConsoleEcho read and print there.
 */
async function withStdio<T>(
  input: string | undefined,
  printed: string[],
  f: () => Promise<T>,
): Promise<T> {
  const stdin = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  const stdout = Object.getOwnPropertyDescriptor(process, 'stdout')!;
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      printed.push(chunk.toString('utf8'));
      done();
    },
  });
  const fake = (value: unknown) => ({ configurable: true, enumerable: true, get: () => value });
  Object.defineProperty(process, 'stdout', fake(capture));
  if (input !== undefined)
    Object.defineProperty(process, 'stdin', fake(Readable.from([Buffer.from(input)])));
  try {
    return await f();
  } finally {
    Object.defineProperty(process, 'stdout', stdout);
    Object.defineProperty(process, 'stdin', stdin);
  }
}
