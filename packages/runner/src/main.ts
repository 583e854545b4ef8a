/**
 * The `plexus` command: run, check, draw, list components of, and convert graph files. Errors
 * go to stderr, in colour on a terminal; every command has --help.
 */
import { Command, CommanderError, Option } from 'commander';
import { quietOnClosedPipe } from './closedPipe.ts';
import type { CheckCommandOptions } from './commands/check.ts';
import type { InspectCommandOptions } from './commands/inspect.ts';
import type { NodeCommandOptions } from './commands/node.ts';
import { exitWithParent } from './exitWithParent.ts';
import { type Output, processOutput } from './output.ts';
import { runnerVersion } from './runnerVersion.ts';
import { schemaPath } from './schemaPath.ts';

// Each command's module is loaded when that command runs, not before: `plexus --version` or
// `plexus check` does not load the NATS client, the inspector, the NoFlo parser or the YAML
// writer (a run from the build starts in about half the time).

/**
 * Run the `plexus` command line in this process.
 *
 * `argv` is what follows `plexus` on the command line. Resolves with the exit code (0 done,
 * 1 the run failed: a component or unit failed, or the graph deadlocked or stalled; 2 bad
 * graph or usage; 130/143 after SIGINT/SIGTERM) rather than exiting, and writes through
 * `output` (stdout/stderr by default), so it can be embedded and tested.
 *
 * @example
 * ```ts
 * import { main } from '@plexus/runner';
 *
 * process.exitCode = await main(['check', 'app.graph.yaml']);
 * ```
 */
export async function main(
  argv: readonly string[],
  output: Output = processOutput,
): Promise<number> {
  let code = 0;
  const program = new Command('plexus')
    .description('Run, check and draw Plexus graph files.')
    .version(runnerVersion(), '-V, --version', "print the runner's version")
    .exitOverride()
    .configureOutput({ writeOut: (text) => output.out(text), writeErr: (text) => output.err(text) })
    .showHelpAfterError('(plexus --help shows the commands)');
  program
    .command('run')
    .description('Run a graph file to completion.')
    .argument('<graph>', 'the graph file (.yaml, .yml or .json)')
    .addOption(
      new Option(
        '--backend <backend>',
        'run every component on this backend, except those with a permission sandbox (options.permissions), which stay where the file places them',
      ).choices(['inline', 'worker', 'process']),
    )
    .option(
      '--set <instance.param=value>',
      "set a param of a component (repeatable; the value is read as YAML, and checked like the file's params)",
      collect,
      [],
    )
    .option('--checked', 'checked mode: validate, freeze and clone-check every message')
    .option('--stats', 'a live table of link throughput, queue depth and progress on stderr')
    .option(
      '--inspect [port]',
      'serve a live page of the run on 127.0.0.1 (a free port unless given); its address, with a one-time token, goes to stderr',
    )
    .option(
      '--inspect-host <host>',
      'serve the inspector on this interface instead of 127.0.0.1 (implies --inspect)',
    )
    .option('--verbose', "on a failure, print every stack frame (Plexus's and Node's too)")
    .option(
      '--nats <url>',
      'NATS server(s) for components placed on nats (comma-separated; credentials from PLEXUS_NATS_* variables)',
    )
    .option(
      '--node-name <name>',
      'with --nats: the name of this host as a node (default: the host name)',
    )
    .option('--node-labels <labels>', 'with --nats: labels of this host as a node, comma-separated')
    .option('--no-local-node', 'with --nats: run nothing on this host; only node agents run units')
    .addHelpText(
      'after',
      '\nExit codes: 0 done, 1 the run failed (a component or unit failed, the graph deadlocked or stalled), 2 bad graph or usage, 130 after SIGINT, 143 after SIGTERM.',
    )
    .action(async (graph: string, options) => {
      const { runCommand } = await import('./commands/run.ts');
      code = await runCommand(graph, options, output);
    });
  program
    .command('node')
    .description(
      'Run a node agent on this host: it runs the units placed on nats by graphs run with --nats.',
    )
    .requiredOption('--nats <url>', 'NATS server(s), comma-separated')
    .option('--name <name>', 'its name (default: the host name)')
    .option('--labels <labels>', 'labels placements can ask for, comma-separated (gpu,eu)')
    .option('--cwd <dir>', 'where it caches bundles and makes sockets (default: here)')
    .action(async (options: NodeCommandOptions) => {
      const { nodeCommand } = await import('./commands/node.ts');
      code = await nodeCommand(options, output);
    });
  program
    .command('nodes')
    .description('List the live node agents on a NATS server.')
    .requiredOption('--nats <url>', 'NATS server(s), comma-separated')
    .option('--json', 'print them as JSON')
    .action(async (options: { nats: string; json?: boolean }) => {
      const { nodesCommand } = await import('./commands/nodes.ts');
      code = await nodesCommand(options, output);
    });
  program
    .command('check')
    .description(
      'Check graph files without running them: schema, components, boxes, links, params.',
    )
    .argument('<graph...>', 'graph files')
    .option(
      '--nats <url>',
      'also check placements on nats against the live node agents (node, labels, replicas)',
    )
    .option(
      '--node-name <name>',
      'with --nats: the name of this host as a node (default: the host name)',
    )
    .option('--node-labels <labels>', 'with --nats: labels of this host as a node, comma-separated')
    .option(
      '--no-local-node',
      'with --nats: count only the node agents, as plexus run --no-local-node',
    )
    .action(async (graphs: string[], options: CheckCommandOptions) => {
      const { checkCommand } = await import('./commands/check.ts');
      code = await checkCommand(graphs, output, options);
    });
  program
    .command('draw')
    .description('Draw a graph file: .svg, .mmd (Mermaid) or .dot, by the output file name.')
    .argument('<graph>', 'the graph file')
    .requiredOption('-o, --output <file>', 'where to write the picture')
    .action(async (graph: string, options: { output: string }) => {
      const { drawCommand } = await import('./commands/draw.ts');
      code = await drawCommand(graph, options, output);
    });
  program
    .command('inspect')
    .description(
      'Attach to a run started with --inspect, read-only: its links, components and failures, live.',
    )
    .argument('<url>', 'the address the run printed, ?token=… included')
    .option('--json', 'print every event of the run as a line of JSON')
    .action(async (url: string, options: InspectCommandOptions) => {
      const { inspectCommand } = await import('./commands/inspect.ts');
      code = await inspectCommand(url, options, output);
    });
  program
    .command('components')
    .description('List the components a module exports, with their boxes, schemas and params.')
    .argument('[module]', 'a package or a file (default: @plexus/components)')
    .action(async (module: string | undefined) => {
      const { componentsCommand } = await import('./commands/components.ts');
      code = await componentsCommand(module, output);
    });
  program
    .command('convert')
    .description(
      'Convert a NoFlo graph (.fbp, NoFlo JSON) or a Node-RED flow (flows.json) into a Plexus graph file, or a graph file into NoFlo JSON.',
    )
    .argument('<file>', 'the NoFlo graph, Node-RED flow or graph file')
    .option('-o, --output <file>', 'where to write the result (default: standard output)')
    .action(async (file: string, options: { output?: string }) => {
      const { convertCommand } = await import('./commands/convert.ts');
      code = convertCommand(file, options, output);
    });
  program
    .command('schema')
    .description(
      'Print the path of the graph file JSON Schema (for `# yaml-language-server: $schema=`).',
    )
    .option('--print', 'print the schema itself')
    .action(async (options: { print?: boolean }) => {
      if (options.print !== true) return output.out(schemaPath());
      const { graphFileJsonSchema } = await import('./reference/graphFileReference.ts');
      output.out(graphFileJsonSchema());
    });
  program
    .command('reference', { hidden: true })
    .description('Print the generated graph file reference page.')
    .action(async () => {
      const { graphFileReference } = await import('./reference/graphFileReference.ts');
      output.out(graphFileReference());
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return code;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export { exitWithParent, quietOnClosedPipe };

const entry = process.argv[1] ?? '';
if (/[\\/]main\.(ts|js|mjs)$/.test(entry)) {
  exitWithParent();
  quietOnClosedPipe();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
