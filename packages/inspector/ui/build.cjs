// Bundle the inspector's page with esbuild: ui/main.tsx (Preact) to app.js and app.css, with
// index.html beside them. `node ui/build.cjs dist/ui` writes the files (pnpm build); the
// server, run from source, calls buildUi() and keeps the files in memory.
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

/** Build the page; write it to `outdir` if given. Resolves with the files by name. */
async function buildUi(outdir) {
  // buildSync: no esbuild service is left running in the process that serves the page.
  const { buildSync } = require('esbuild');
  const result = buildSync({
    entryPoints: { app: join(__dirname, 'main.tsx') },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome109', 'firefox115', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    legalComments: 'none',
    write: false,
    outdir: '/ui',
    logLevel: 'warning',
  });
  const files = { 'index.html': readFileSync(join(__dirname, 'index.html')) };
  for (const file of result.outputFiles) files[file.path.slice('/ui/'.length)] = file.contents;
  if (outdir !== undefined) {
    mkdirSync(outdir, { recursive: true });
    for (const [name, contents] of Object.entries(files))
      writeFileSync(join(outdir, name), contents);
  }
  return files;
}

module.exports = { buildUi };

if (require.main === module) {
  buildUi(process.argv[2] ?? 'dist/ui').catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
