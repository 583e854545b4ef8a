/** The `create-plexus` command: make the project, install it, say the next two commands. */
import { spawnSync } from 'node:child_process';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createProject } from './createPlexus.ts';

const USAGE = `Usage: npm create plexus@latest [folder] [-- options]
       create-plexus [folder] [options]

Makes a new Plexus project in <folder> (default: my-flow) and installs it.

Options:
  --no-install        write the files only; run \`npm install\` yourself
  --packages <dir>    depend on the packed Plexus packages (*.tgz) in <dir>, not the registry
  -h, --help          show this help
`;

/**
 * Run `create-plexus` with these arguments; resolves with the exit code (0 made, 1 the install
 * failed, 2 bad usage or a folder in the way). Installs with the package manager that ran it
 * (npm, pnpm, yarn or bun, from npm_config_user_agent), else npm.
 *
 * @example
 * ```ts
 * import { main } from 'create-plexus';
 *
 * process.exitCode = await main(['my-flow', '--no-install']);
 * ```
 */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`create-plexus: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    process.stdout.write(USAGE);
    return 0;
  }
  const dir = positionals[0] ?? 'my-flow';
  let name: string;
  try {
    name = createProject({ dir, ...(values.packages ? { packages: values.packages } : {}) });
  } catch (error) {
    process.stderr.write(`create-plexus: ${(error as Error).message}\n`);
    return 2;
  }
  const pm = packageManager();
  const rel = relative(process.cwd(), dir);
  const cd = rel === '' ? '.' : rel.startsWith('..') ? resolve(dir) : rel;
  process.stdout.write(`Made ${name} in ${cd}.\n`);
  if (values['no-install'] !== true) {
    process.stdout.write(`Installing with ${pm} install…\n`);
    const install = spawnSync(pm, ['install'], { cwd: dir, stdio: 'inherit', shell: false });
    if (install.status !== 0) {
      process.stderr.write(
        `create-plexus: \`${pm} install\` failed in ${cd}; the files are there: fix what it said and run it again.\n`,
      );
      return 1;
    }
  }
  process.stdout.write(
    `\nNext:\n  cd ${cd}\n${values['no-install'] === true ? `  ${pm} install\n` : ''}  ${pm} start   # run the graph\n  ${pm} test    # run the tests\n`,
  );
  return 0;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      'no-install': { type: 'boolean' },
      packages: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** The package manager that started this command, from its user agent ("pnpm/10.0.0 …"). */
function packageManager(): string {
  const agent = process.env.npm_config_user_agent ?? '';
  const name = /^(npm|pnpm|yarn|bun)\//.exec(agent)?.[1];
  return name ?? 'npm';
}
