/**
 * The graph file format, defined once. The loader validates against it, the JSON Schema
 * shipped for editors is generated from it, and so is the reference page.
 */
import { z } from 'zod';

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const BOX = /^[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*$/;
/** `from -> to`, as in `read.out -> split.in`. */
export const LINK_SHORTHAND = /^\s*(\S+)\s*->\s*(\S+)\s*$/;

const InstanceName = z
  .string()
  .regex(NAME, 'a name is a letter or _ followed by letters, digits, _ or -');
const BoxRef = z.string().regex(BOX, "write a box as 'component.box', e.g. 'split.in'");
const Comment = z.string().optional().describe('Free text for readers; ignored.');

const Paths = z.array(z.string());

/** What each backend option is, and which backend reads it. */
export const BackendOptions = z
  .object({
    resourceLimits: z
      .object({
        maxOldGenerationSizeMb: z.number().positive().optional(),
        maxYoungGenerationSizeMb: z.number().positive().optional(),
        codeRangeSizeMb: z.number().positive().optional(),
        stackSizeMb: z.number().positive().optional(),
      })
      .strict()
      .optional()
      .describe("Worker: limits of the thread (see Node's `Worker` `resourceLimits`)."),
    env: z
      .record(z.string(), z.string())
      .optional()
      .describe(
        "Process: environment variables added to the runner's (or to those `permissions.env` lets through).",
      ),
    cwd: z.string().optional().describe('Process: its working directory.'),
    memoryMb: z.number().int().positive().optional().describe('Process: cap on its heap, in MB.'),
    youngMb: z
      .number()
      .positive()
      .optional()
      .describe("Process: cap on each of V8's young-generation semi-spaces, in MB (default 1)."),
    permissions: z
      .object({
        read: Paths.optional().describe('Paths it may read.'),
        write: Paths.optional().describe('Paths it may write.'),
        childProcess: z.boolean().optional().describe('May start child processes.'),
        worker: z.boolean().optional().describe('May start worker threads.'),
        env: z
          .array(z.string())
          .optional()
          .describe(
            "Names of the runner's environment variables it may see: only these (and `env`) are passed. Without it, it sees them all.",
          ),
      })
      .strict()
      .optional()
      .describe(
        "Process: run under Node's permission model, allowing only these. Refused on any other backend; `plexus run --backend` leaves a placement with permissions (and all inside it) on its own backend.",
      ),
    external: Paths.optional().describe(
      'Process: packages left out of its bundle (e.g. native addons).',
    ),
  })
  .strict();

/** A restart policy: the `supervise` of a component entry or of a whole graph file. */
export const Supervise = z
  .object({
    strategy: z
      .enum(['one-for-one', 'one-for-all', 'rest-for-one'])
      .optional()
      .describe(
        'Which members restart when one crashes: the one (`one-for-one`, the default), all (`one-for-all`), or the one and those listed after it (`rest-for-one`).',
      ),
    maxRestarts: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Restarts allowed within `withinMs` before the supervisor gives up (default 3).'),
    withinMs: z.number().min(0).optional().describe('The window for `maxRestarts` (default 5000).'),
    backoffMs: z
      .number()
      .min(0)
      .optional()
      .describe('Wait before a restart, doubling with each further one (default 0).'),
    maxBackoffMs: z.number().min(0).optional().describe('Longest wait (default 30000).'),
    onCrash: z
      .enum(['drop', 'retry'])
      .optional()
      .describe(
        'The message being handled when it crashed: dropped (the default) or delivered again.',
      ),
  })
  .strict();

/** Options the nats backend reads too (on the node that runs the unit). */
export const NATS_OPTIONS: ReadonlySet<string> = new Set([
  'env',
  'memoryMb',
  'youngMb',
  'permissions',
  'external',
]);

/** Which backend reads each option. */
export const OPTION_BACKEND: Readonly<Record<string, 'worker' | 'process'>> = {
  resourceLimits: 'worker',
  env: 'process',
  cwd: 'process',
  memoryMb: 'process',
  youngMb: 'process',
  permissions: 'process',
  external: 'process',
};

/** True when the `backend` placement reads `option` (inline reads none). */
export function readsOption(backend: string, option: string): boolean {
  return OPTION_BACKEND[option] === backend || (backend === 'nats' && NATS_OPTIONS.has(option));
}

export const ComponentEntry = z
  .object({
    use: z
      .string()
      .min(1)
      .describe(
        'Which component: `module#Export` — a package (`@plexus/components#ReadLines`) or a file relative to this one (`./words.ts#Split`) — or another graph file (`./count.graph.yaml`), used as a composite.',
      ),
    params: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("The component's params; defaults apply to those left out."),
    backend: z
      .enum(['inline', 'worker', 'process', 'nats'])
      .optional()
      .describe(
        'Where it runs: `inline` (the default, the main event loop), `worker` (a worker thread), `process` (a child process) or `nats` (a node agent on some host, reached through NATS: `plexus run --nats <url>`).',
      ),
    node: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, "a node name is letters, digits, '_' or '-'")
      .optional()
      .describe(
        'With `backend: nats`: run on the node agent with this name (`plexus node --name`).',
      ),
    labels: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'With `backend: nats`: run on a node agent that has all these labels (`plexus node --labels`); replicas spread over the nodes that match.',
      ),
    group: z
      .string()
      .optional()
      .describe(
        'Components with the same group share one worker or process (on nats: one process on one node). A graph file used as a component is one group.',
      ),
    replicas: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(
        'Run this many instances behind one node, each message to the least loaded (worker, process and nats; on nats they go round the matching node agents).',
      ),
    ordered: z.boolean().optional().describe('With replicas: restore input order at the merge.'),
    priority: z
      .enum(['normal', 'idle'])
      .optional()
      .describe(
        '`idle`: it goes on only when nothing else on its thread or process has work (default `normal`).',
      ),
    options: BackendOptions.optional().describe(
      'Backend options. Worker: `resourceLimits`. Process: `env`, `cwd`, `memoryMb`, `youngMb`, `permissions`, `external`. Paths are relative to the graph file.',
    ),
    supervise: Supervise.optional().describe(
      "Restart it when it crashes, instead of failing the graph; on a graph file used as a component, the policy of its components as a group (it replaces that file's own `supervise`).",
    ),
    comment: Comment,
  })
  .strict()
  .describe('One component instance.');

export const LinkObject = z
  .object({
    from: BoxRef.describe('The outbox, `component.box`.'),
    to: BoxRef.describe('The inbox, `component.box`.'),
    capacity: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Messages the link holds before a send waits (default 64).'),
    priority: z
      .enum(['normal', 'idle'])
      .optional()
      .describe(
        "`idle`: the receiver takes this link's messages only when nothing else on its thread or process has work (default `normal`).",
      ),
    durable: z
      .boolean()
      .optional()
      .describe(
        'Keep its messages in a JetStream stream until the receiver has taken them, so a receiving unit restarted on another node resumes where it stopped. One of its ends must run on nats (default false).',
      ),
    comment: Comment,
  })
  .strict();

const LinkEntry = z
  .union([
    z
      .string()
      .regex(LINK_SHORTHAND, "write a link as 'component.box -> component.box'")
      .describe('`from.box -> to.box`'),
    LinkObject,
  ])
  .describe(
    'A link from an outbox to an inbox: `read.out -> split.in`, or `{ from, to, capacity, priority }`.',
  );

export const ExportedInbox = z
  .object({
    to: z
      .union([BoxRef, z.array(BoxRef).min(1)])
      .describe('The inbox (or inboxes) inside that receive what arrives here.'),
    description: z.string().min(1).describe('One line saying what arrives here.'),
  })
  .strict();

export const ExportedOutbox = z
  .object({
    from: z
      .union([BoxRef, z.array(BoxRef).min(1)])
      .describe('The outbox (or outboxes) inside whose messages leave here.'),
    description: z.string().min(1).describe('One line saying what leaves here.'),
  })
  .strict();

/**
 * The graph file format, as one zod schema: what the loader validates, and what the JSON
 * Schema for editors and the reference page are generated from.
 *
 * Keys are strict (an unknown key is an error, with a did-you-mean). Parsing checks the
 * file's shape only; {@link loadGraph} also checks it against the components it uses.
 *
 * @example
 * ```ts
 * import { GraphFile } from '@plexus/runner';
 *
 * const file = GraphFile.parse({
 *   description: 'Shouts its words.',
 *   components: { shout: { use: './shout.ts#Shout' } },
 *   initial: { 'shout.in': ['hello'] },
 * });
 * ```
 */
export const GraphFile = z
  .object({
    $schema: z.string().optional().describe('Path of the JSON Schema, for editors (JSON files).'),
    name: InstanceName.optional().describe('Name of the graph (default: the file name).'),
    description: z.string().min(1).describe('One line saying what the graph does.'),
    components: z
      .record(InstanceName, ComponentEntry)
      .describe('The component instances, by name.'),
    links: z.array(LinkEntry).optional().describe('The links.'),
    inboxes: z
      .record(InstanceName, ExportedInbox)
      .optional()
      .describe('Exported inboxes: used as a component, the graph receives here.'),
    outboxes: z
      .record(InstanceName, ExportedOutbox)
      .optional()
      .describe('Exported outboxes: used as a component, the graph sends from here.'),
    initial: z
      .record(BoxRef, z.array(z.unknown()))
      .optional()
      .describe(
        'Messages sent into inboxes when the graph starts: `{ "split.in": ["some text"] }`.',
      ),
    capacity: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Capacity of links that set none (default 64).'),
    supervise: Supervise.optional().describe(
      "Restart policy of this graph's components as a group (a component's own `supervise` comes first). Without one, a crash fails the graph.",
    ),
    comment: Comment,
  })
  .strict()
  .describe('A Plexus graph: component instances, the links between them, and what it exports.');

export type GraphFile = z.output<typeof GraphFile>;
export type BackendOptions = z.output<typeof BackendOptions>;
export type ComponentEntry = z.output<typeof ComponentEntry>;
export type Supervise = z.output<typeof Supervise>;
