/**
 * Type-checks many documentation blocks in ONE TypeScript program: each block becomes a small
 * project of its own (a `package.json` of `"type": "module"`, its file, the page's earlier
 * named files) placed in a hidden folder of its page's folder, so imports resolve exactly as
 * they would for a reader whose file sat next to the page. Nothing is written to disk.
 */
import { existsSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import ts from 'typescript';
import { type CodeBlock, root } from './codeBlocks.ts';

/**
 * A relative import of a file that does not exist (`./components.ts`) stands for the reader's
 * own modules: it is checked against this one, which defines the names the samples use.
 */
export const componentsFixture = join(root, 'scripts', 'docs', 'components.ts');

/** The hidden folder a block is checked (and run) in. */
export function blockRoot(block: CodeBlock, index: number): string {
  const slug = `${block.page.replace(/[^\w]+/g, '-')}-${block.where.split(':').pop()}-${index}`;
  return join(root, block.dir, '.docs-check', slug);
}

/**
 * The block's project as files (absolute path → text). Relative imports that are not one of
 * the project's own files are rewritten to reach the same file from the hidden folder.
 */
export function projectFiles(block: CodeBlock, index: number): Map<string, string> {
  const at = blockRoot(block, index);
  const own = new Map<string, string>([
    ...block.files,
    [block.file, block.prelude + block.code + block.postlude],
  ]);
  const project = new Map<string, string>([[join(at, 'package.json'), '{ "type": "module" }\n']]);
  for (const [name, text] of own) {
    project.set(join(at, name), rewriteImports(text, name, own, at, join(root, block.dir)));
  }
  return project;
}

function rewriteImports(
  text: string,
  name: string,
  own: ReadonlyMap<string, string>,
  at: string,
  dir: string,
): string {
  return text.replace(
    /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*)\2/g,
    (whole, before: string, quote: string, spec: string) => {
      const target = posix.normalize(posix.join(posix.dirname(name), spec));
      if (own.has(target)) return whole;
      let real = join(dir, target);
      if (!existsSync(real)) real = componentsFixture;
      let path = relative(dirname(join(at, name)), real)
        .split('\\')
        .join('/');
      if (!path.startsWith('.')) path = `./${path}`;
      return `${before}${quote}${path}${quote}`;
    },
  );
}

/** A problem found in a block, located on its page. */
export interface BlockProblem {
  readonly where: string;
  readonly message: string;
}

/** The compiler options of the repository, for a reader's project with Node's types. */
function compilerOptions(): ts.CompilerOptions {
  const base = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile).config;
  const { options, errors } = ts.convertCompilerOptionsFromJson(
    { ...base.compilerOptions, types: ['node'], noEmit: true, declaration: false },
    root,
  );
  if (errors.length > 0)
    throw new Error(ts.flattenDiagnosticMessageText(errors[0]!.messageText, '\n'));
  return { ...options, moduleDetection: ts.ModuleDetectionKind.Force };
}

/** Type-checks the blocks together; returns every problem, by block. */
export function typecheckBlocks(blocks: readonly CodeBlock[]): BlockProblem[] {
  const files = new Map<string, string>();
  const mains = new Map<string, { block: CodeBlock; preludeLines: number }>();
  blocks.forEach((block, index) => {
    if (!block.check) return;
    const project = projectFiles(block, index);
    for (const [path, text] of project) files.set(path, text);
    mains.set(join(blockRoot(block, index), block.file), {
      block,
      preludeLines: block.prelude === '' ? 0 : block.prelude.split('\n').length - 1,
    });
  });
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  host.fileExists = (path) => files.has(path) || fileExists.call(host, path);
  host.readFile = (path) => files.get(path) ?? readFile.call(host, path);
  host.directoryExists = (path) =>
    [...files.keys()].some((file) => file.startsWith(`${path}/`)) ||
    (directoryExists?.call(host, path) ?? true);
  host.getSourceFile = (path, language, onError, create) => {
    const text = files.get(path);
    if (text !== undefined) return ts.createSourceFile(path, text, language, true);
    return getSourceFile.call(host, path, language, onError, create);
  };
  const program = ts.createProgram([...mains.keys()], options, host);
  const problems: BlockProblem[] = [];
  for (const [path, { block, preludeLines }] of mains) {
    const source = program.getSourceFile(path)!;
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    for (const d of diagnostics) {
      const line = source.getLineAndCharacterOfPosition(d.start ?? 0).line;
      const shown = line - preludeLines;
      const where =
        shown >= 0
          ? `${block.page}:${block.line + shown}`
          : `${block.where} (hidden prelude, line ${line + 1})`;
      problems.push({
        where,
        message: `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      });
    }
  }
  return problems;
}
