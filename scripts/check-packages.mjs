// `node scripts/check-packages.mjs [dir]`: check the published packages as users get them —
// arethetypeswrong (types resolve under node10, node16 from CJS and ESM, bundler), publint, and
// no declaration importing a `.ts` path, on each tarball. With <dir>, checks the tarballs already there; without, packs them first.
// Exits 1 on any problem.
//
// arethetypeswrong runs in this process through its API (@arethetypeswrong/core), as its CLI does
// with the CLI's default (strict) profile: TypeScript and its lib files load once for every
// tarball, not once per tarball (4 CPU seconds for the nine packages instead of 19).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getExitCode } from '@arethetypeswrong/cli/internal/getExitCode';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { packPackages } from './pack-packages.mjs';

const ts = createRequire(import.meta.url)('typescript');
const given = process.argv[2];
const dir = given === undefined ? mkdtempSync(join(tmpdir(), 'plexus-packs-')) : resolve(given);
const tarballs =
  given === undefined
    ? packPackages(dir)
    : readdirSync(dir)
        .filter((file) => file.endsWith('.tgz'))
        .map((file) => join(dir, file));
let failed = 0;
try {
  for (const tarball of tarballs) {
    const name = tarball.slice(dir.length + 1);
    const problems = [];
    const buffer = readFileSync(tarball);
    problems.push(...(await attw(buffer)));
    const tar = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
    const { messages, pkg } = await publint({ pack: { tarball: tar }, level: 'suggestion' });
    for (const message of messages) {
      problems.push(`publint ${message.type}: ${formatMessage(message, pkg)}`);
    }
    problems.push(...tsImports(tarball));
    if (problems.length === 0) console.log(`ok ${name}: attw and publint find nothing wrong`);
    else {
      failed++;
      console.log(`FAIL ${name}\n${problems.join('\n')}`);
    }
  }
} finally {
  rmSync(join(dir, '.unpacked'), { recursive: true, force: true });
  if (given === undefined) rmSync(dir, { recursive: true, force: true });
}
if (tarballs.length === 0) {
  console.log('no tarball to check');
  failed++;
}
process.exit(failed === 0 ? 0 : 1);

/** What arethetypeswrong finds wrong in a tarball, as its CLI prints it (`attw <tarball>`). */
async function attw(buffer) {
  const analysis = await checkPackage(createPackageFromTarballData(new Uint8Array(buffer)));
  if (getExitCode(analysis, { ignoreRules: [], ignoreResolutions: [] }) === 0) return [];
  const { typed } = await import('@arethetypeswrong/cli/internal/render');
  return [`attw:\n${await typed(analysis, { format: 'ascii', emoji: false })}`];
}

/** Declarations that import a relative `.ts` path, which no user's TypeScript can follow. */
function tsImports(tarball) {
  const out = join(dir, '.unpacked', tarball.slice(dir.length + 1));
  mkdirSync(out, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', out]);
  const found = [];
  const visit = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.d\.[cm]?ts$/.test(entry.name)) {
        const { importedFiles } = ts.preProcessFile(readFileSync(path, 'utf8'), true, true);
        for (const { fileName } of importedFiles) {
          if (/^\..*\.[cm]?tsx?$/.test(fileName)) {
            found.push(`${path.slice(out.length + 1)} imports '${fileName}'`);
          }
        }
      }
    }
  };
  visit(out);
  return found;
}
