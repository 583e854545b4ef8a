/**
 * docs/reference/errors.md, generated from the packages' error tables: every `code` Plexus
 * raises, the package that raises it, and the sentence it prints, with ‹placeholders› where the
 * case puts its names and values. Read from the tables' source (TypeScript's parser), so a
 * row added to a table is in the page at the next `docs:generate`, and the page's test fails
 * until it is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { root } from './codeBlocks.ts';

/** Each package's error tables, and the union type that lists its codes (if it has one). */
const TABLES: readonly { pkg: string; files: readonly string[]; union?: string }[] = [
  {
    pkg: '@plexus/core',
    files: ['errors.ts', 'messageErrors.ts', 'placementErrors.ts'],
    union: 'PlexusError.ts',
  },
  { pkg: '@plexus/process', files: ['errors.ts'] },
  { pkg: '@plexus/nats', files: ['errors.ts'] },
  { pkg: '@plexus/components', files: ['errors.ts'], union: 'errors.ts' },
  { pkg: '@plexus/inspector', files: ['errors.ts'], union: 'errors.ts' },
];

const CODE = /^ERR_[A-Z0-9_]+$/;

interface Row {
  readonly code: string;
  readonly pkg: string;
  readonly says: string[];
  readonly when?: string;
}

/** `file` parsed, with the arrow functions it declares at top level (for `${who(a, b)}`). */
function parse(path: string) {
  const source = ts.createSourceFile(
    path,
    readFileSync(path, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const helpers = new Map<string, { params: string[]; body: ts.Expression }>();
  source.forEachChild(function visit(node) {
    if (ts.isVariableStatement(node))
      for (const d of node.declarationList.declarations)
        if (ts.isIdentifier(d.name) && d.initializer && ts.isArrowFunction(d.initializer)) {
          const body = d.initializer.body;
          if (!ts.isBlock(body) && ts.isTemplateExpression(body))
            helpers.set(d.name.text, {
              params: d.initializer.parameters.map((p) => p.name.getText()),
              body,
            });
        }
  });
  return { source, helpers };
}

/** A message expression as text, with what the case fills in as ‹name›. */
function words(
  expr: ts.Expression,
  helpers: ReturnType<typeof parse>['helpers'],
  bound = new Map<string, string>(),
): string {
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return expr.text;
  if (ts.isParenthesizedExpression(expr)) return words(expr.expression, helpers, bound);
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return words(expr.left, helpers, bound) + words(expr.right, helpers, bound);
  if (ts.isTemplateExpression(expr)) {
    let text = expr.head.text;
    for (const span of expr.templateSpans)
      text += hole(span.expression, helpers, bound) + span.literal.text;
    return text;
  }
  return hole(expr, helpers, bound);
}

/** What stands in a `${…}` of a message. */
function hole(
  expr: ts.Expression,
  helpers: ReturnType<typeof parse>['helpers'],
  bound: Map<string, string>,
): string {
  if (ts.isIdentifier(expr)) return bound.get(expr.text) ?? `‹${expr.text}›`;
  if (ts.isPropertyAccessExpression(expr)) return `‹${expr.name.text}›`;
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr))
    return hole(expr.expression, helpers, bound);
  // `a ?? b`, `a || b`: what it is when it is there.
  if (
    ts.isBinaryExpression(expr) &&
    (expr.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
      expr.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  )
    return hole(expr.left, helpers, bound);
  // A plural's ending, an optional clause: its longer literal side.
  if (ts.isConditionalExpression(expr)) {
    const sides = [expr.whenTrue, expr.whenFalse].map((side) => words(side, helpers, bound));
    return sides.sort((a, b) => b.length - a.length)[0]!;
  }
  if (ts.isCallExpression(expr) && ts.isIdentifier(expr.expression)) {
    const helper = helpers.get(expr.expression.text);
    if (helper !== undefined) {
      const inner = new Map(bound);
      helper.params.forEach((param, i) => {
        const arg = expr.arguments[i];
        if (arg !== undefined) inner.set(param, hole(arg, helpers, bound));
      });
      return words(helper.body, helpers, inner);
    }
    const [first] = expr.arguments;
    if (first !== undefined) return hole(first, helpers, bound);
  }
  if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression)) {
    // JSON.stringify(name), names.join(', '), value.toFixed(1): the value's name.
    const [first] = expr.arguments;
    const target = expr.expression.expression;
    if (ts.isIdentifier(target) && target.text === 'JSON' && first !== undefined)
      return hole(first, helpers, bound);
    // who(…).slice(0, -1): the same cut of what it renders.
    if (expr.expression.name.text === 'slice') {
      const [from, to] = expr.arguments.map((arg) => Number(arg.getText()));
      return hole(target, helpers, bound).slice(from, to);
    }
    return hole(target, helpers, bound);
  }
  return `‹${expr.getText().replace(/\s+/g, ' ').slice(0, 40)}›`;
}

/** A string, a template or a concatenation: a message. */
function isText(expr: ts.Expression): boolean {
  return (
    ts.isStringLiteral(expr) ||
    ts.isNoSubstitutionTemplateLiteral(expr) ||
    ts.isTemplateExpression(expr) ||
    (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken)
  );
}

/** The codes an expression can be: a literal, or either side of a conditional. */
function codesOf(expr: ts.Expression): string[] {
  if (ts.isStringLiteral(expr) && CODE.test(expr.text)) return [expr.text];
  if (ts.isConditionalExpression(expr))
    return [...codesOf(expr.whenTrue), ...codesOf(expr.whenFalse)];
  return [];
}

/** Every `new X('ERR_…', message)` or `f('ERR_…', message)` in a table file. */
function rowsOf(path: string, pkg: string): Row[] {
  const { source, helpers } = parse(path);
  const rows: Row[] = [];
  const visit = (node: ts.Node, when: string | undefined): void => {
    if (ts.isPropertyAssignment(node)) {
      const doc = ts
        .getJSDocCommentsAndTags(node)
        .map((d) => (ts.isJSDoc(d) ? ts.getTextOfJSDocComment(d.comment) : ''));
      when = doc.filter(Boolean).join(' ') || undefined;
    }
    if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.arguments !== undefined) {
      const [code, ...rest] = node.arguments;
      const codes = code === undefined ? [] : codesOf(code);
      // The sentence: the first string after the code. Arguments before it are its subject
      // (a component and its type, or `who`), which the error puts first.
      let at = rest.findIndex(isText);
      // A sentence passed in whole (`problem`): its name.
      if (at < 0) at = rest.findLastIndex((arg) => ts.isIdentifier(arg));
      const message = rest[at];
      if (codes.length > 0 && message !== undefined) {
        const says = `${at > 0 ? "Component '‹component›' (‹type›) " : ''}${words(message, helpers)}`;
        for (const each of codes)
          rows.push({ code: each, pkg, says: [says], ...(when ? { when } : {}) });
        return;
      }
    }
    node.forEachChild((child) => visit(child, when));
  };
  visit(source, undefined);
  return rows;
}

/** The codes a package's union type lists (`'ERR_…'` literals in it). */
function unionCodes(path: string): string[] {
  return [...readFileSync(path, 'utf8').matchAll(/^\s*\|\s*'(ERR_[A-Z0-9_]+)'/gm)].map(
    (m) => m[1]!,
  );
}

/** The page. */
export function errorsReference(): string {
  const rows = new Map<string, Row>();
  for (const { pkg, files, union } of TABLES) {
    const dir = join(root, 'packages', pkg.replace('@plexus/', ''), 'src');
    for (const file of files)
      for (const row of rowsOf(join(dir, file), pkg)) {
        const key = `${row.pkg} ${row.code}`;
        const seen = rows.get(key);
        if (seen === undefined) rows.set(key, row);
        else if (!seen.says.includes(row.says[0]!)) seen.says.push(row.says[0]!);
      }
    if (union !== undefined)
      for (const code of unionCodes(join(dir, union)))
        if (![...rows.values()].some((row) => row.code === code))
          rows.set(`${pkg} ${code}`, { code, pkg, says: [] });
  }
  const lines = [
    '# Error reference',
    '',
    "<!-- Generated by `npx --yes pnpm@10.34.9 docs:generate` from the packages' error tables; do not edit. -->",
    '',
    'Every error Plexus raises has a stable `code`: match on it (`isPlexusError(error, code)`), never on',
    'the message or the class. Errors that cross a thread, process or host travel as data',
    '(`{ name, code, message, stack }`) and keep their code. Below, each code with the package that',
    'raises it and the sentence it prints; ‹names› stand for what the case fills in. A code listed',
    'without a sentence is raised with a message worded where it happens (the concept pages',
    'show it). How errors and supervision work: [errors](../concepts/errors.md).',
  ];
  for (const { pkg } of TABLES) {
    const ofPkg = [...rows.values()]
      .filter((row) => row.pkg === pkg)
      .sort((a, b) => a.code.localeCompare(b.code));
    lines.push('', `## ${pkg}`, '');
    for (const row of ofPkg) {
      lines.push(`### \`${row.code}\``, '');
      if (row.when !== undefined) lines.push(row.when, '');
      for (const says of row.says) lines.push(`> ${says.replace(/\n/g, '\n> ')}`, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
