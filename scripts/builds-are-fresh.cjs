// Whether every package of this repository that builds (`pnpm build`) has a build newer than
// its source. jest.config.cjs asks it to decide whether test threads load Plexus from the
// build, and the `plexus` command (packages/runner/bin) whether to run its build or its source.
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

/** The newest modification time of the files under `dir` (0 if there is none). */
function newest(dir) {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) time = Math.max(time, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return time;
}

/** True when every package that builds is built, after its source last changed. */
function buildsAreFresh(root = join(__dirname, '..')) {
  const packages = join(root, 'packages');
  return readdirSync(packages).every((name) => {
    try {
      if (require(join(packages, name, 'package.json')).scripts?.build === undefined) return true;
      return newest(join(packages, name, 'dist')) >= newest(join(packages, name, 'src'));
    } catch {
      return false;
    }
  });
}

module.exports = { buildsAreFresh };
