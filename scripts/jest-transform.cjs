// Jest transform: TypeScript → CommonJS with esbuild (no type-checking; `pnpm typecheck` does that).
// The cache key includes esbuild's version and this file, so an upgrade never serves stale output.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const esbuild = require('esbuild');

const self = readFileSync(__filename);

module.exports = {
  process(source, filename) {
    const { code, map } = esbuild.transformSync(source, {
      loader: filename.endsWith('x') ? 'tsx' : 'ts',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
      // Jest's CommonJS sandbox cannot run a real import(): let esbuild lower it to require().
      supported: { 'dynamic-import': false },
      // Strict mode everywhere, so a write to a frozen (sent) message throws instead of vanishing.
      tsconfigRaw: { compilerOptions: { alwaysStrict: true, verbatimModuleSyntax: true } },
    });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return createHash('sha256')
      .update(esbuild.version)
      .update('\0')
      .update(self)
      .update('\0')
      .update(filename)
      .update('\0')
      .update(source)
      .digest('hex');
  },
};
