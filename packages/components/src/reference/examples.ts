/**
 * The examples of the component reference: the `@example` block of each export's TSDoc,
 * read from its source file, so the page shows the example the code carries — and the
 * reference test runs those that say what they send (`// out: […]`).
 */
import { readFileSync } from 'node:fs';

const cache = new Map<string, string>();

function read(path: string): string {
  let text = cache.get(path);
  if (text === undefined) {
    text = readFileSync(path, 'utf8');
    cache.set(path, text);
  }
  return text;
}

/**
 * The code of the `@example` in the TSDoc just before the declaration of `name` in the
 * module at `source` (a file path or `file:` URL), or undefined.
 */
export function exampleOf(source: string | undefined, name: string): string | undefined {
  if (source === undefined) return undefined;
  let text: string;
  try {
    text = read(source.startsWith('file:') ? new URL(source).pathname : source);
  } catch {
    return undefined;
  }
  const declaration = new RegExp(
    `\\n(?:export )?(?:const|function) ${name}\\b|\\nexport \\{ \\w+ as ${name} \\}`,
  ).exec(text);
  if (declaration === null) return undefined;
  let at = declaration.index;
  // `export { X as Name }`: the TSDoc is on the declaration of X.
  const alias = /\nexport \{ (\w+) as /.exec(declaration[0]);
  if (alias !== null) {
    const inner = new RegExp(`\\n(?:export )?const ${alias[1]}\\b`).exec(text);
    if (inner === null) return undefined;
    at = inner.index;
  }
  const before = text.slice(0, at);
  const start = before.lastIndexOf('/**');
  if (start < 0 || before.slice(start).includes('\n */\n\n')) return undefined;
  const comment = before.slice(start);
  const match = /@example\s*\n\s*\*\s*```ts\n([\s\S]*?)\n\s*\*\s*```/.exec(comment);
  if (match === null) return undefined;
  return match[1]!
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n')
    .replaceAll('*\\/', '*/');
}
