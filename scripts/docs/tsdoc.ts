/**
 * The TSDoc of every public export: each name a package's entry points export must have a
 * summary, and an `@example` (checked by the docs checker like any other block).
 */
import { join } from 'node:path';
import ts from 'typescript';
import { root } from './codeBlocks.ts';

/** The entry points of the published packages, as typedoc.json lists them. */
export function entryPoints(): string[] {
  const config = ts.readConfigFile(join(root, 'typedoc.json'), ts.sys.readFile).config as {
    entryPoints: string[];
  };
  return config.entryPoints;
}

/** What one public export has of its TSDoc. */
export interface ExportDoc {
  /** `@plexus/runner: Diagnostic` (the entry point, relative, and the name). */
  readonly name: string;
  readonly summary: string;
  readonly example: boolean;
  /** A value (function, class, constant) rather than only a type. */
  readonly value: boolean;
}

/** The TSDoc written on an `export { name } from 'package'` statement, if any. */
function reexportDoc(exported: ts.Symbol): { summary: string; example: boolean } | undefined {
  const specifier = exported.declarations?.[0];
  if (specifier === undefined || !ts.isExportSpecifier(specifier)) return undefined;
  const statement = specifier.parent.parent;
  if (statement.moduleSpecifier === undefined) return undefined;
  if (
    !ts.isStringLiteral(statement.moduleSpecifier) ||
    statement.moduleSpecifier.text.startsWith('.')
  ) {
    return undefined;
  }
  const docs = ts.getJSDocCommentsAndTags(statement).filter(ts.isJSDoc);
  if (docs.length === 0) return undefined;
  const doc = docs[docs.length - 1]!;
  return {
    summary: ts.getTextOfJSDocComment(doc.comment)?.trim() ?? '',
    example: (doc.tags ?? []).some((tag) => tag.tagName.text === 'example'),
  };
}

/**
 * The TSDoc written where another package's name is re-exported, following re-exports of our
 * own modules (`export type { Remote } from './comlink.ts'`, which re-exports comlink's).
 */
function reexportDocOf(
  checker: ts.TypeChecker,
  exported: ts.Symbol,
): { summary: string; example: boolean } | undefined {
  for (
    let symbol: ts.Symbol | undefined = exported;
    symbol !== undefined && symbol.flags & ts.SymbolFlags.Alias;
    symbol = checker.getImmediateAliasedSymbol(symbol)
  ) {
    const doc = reexportDoc(symbol);
    if (doc !== undefined) return doc;
  }
  return undefined;
}

/** The TSDoc of every export of every entry point. */
export function exportDocs(): ExportDoc[] {
  const base = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile).config;
  const { options } = ts.convertCompilerOptionsFromJson(
    { ...base.compilerOptions, types: ['node'], noEmit: true },
    root,
  );
  const entries = entryPoints().map((entry) => join(root, entry));
  const program = ts.createProgram(entries, options);
  const checker = program.getTypeChecker();
  const docs: ExportDoc[] = [];
  for (const entry of entries) {
    const source = program.getSourceFile(entry);
    const module = source === undefined ? undefined : checker.getSymbolAtLocation(source);
    if (module === undefined) continue;
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      // A re-export of another package's name (`export { z } from 'zod'`) is documented where
      // it is re-exported; a name of our own, where it is declared.
      const reexport = reexportDocOf(checker, exported);
      const summary =
        reexport?.summary ??
        ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
      const example =
        reexport?.example ?? symbol.getJsDocTags(checker).some((tag) => tag.name === 'example');
      docs.push({
        name: `${entry.slice(root.length + 1)}: ${exported.name}`,
        summary,
        example,
        value: (symbol.flags & ts.SymbolFlags.Value) !== 0,
      });
    }
  }
  return docs;
}
