import { box, defineComponent, z } from '@plexus/core';
import { watch } from 'chokidar';
import { Errors } from '../errors.ts';

const change = z.object({
  event: z.enum(['add', 'change', 'unlink', 'addDir', 'unlinkDir']).describe('What happened.'),
  path: z.string().describe('The file or directory it happened to.'),
});

/**
 * Watches files and directories (chokidar) and sends `{ event, path }` for each change:
 * `add`, `change`, `unlink`, `addDir`, `unlinkDir`.
 *
 * `paths` are files, directories (watched with what is under them, `depth` levels deep) or
 * glob-free lists of both. Files already there are announced as `add` first, unless
 * `ignoreInitial`. A change is reported once the file has stopped growing for `settleMs`
 * (0: at once), so a file being written is announced when it is whole. Changes that arrive
 * while the link out is full are held (the same path's changes merge, so memory stays bounded
 * by the number of files). With `count` it ends after that many events; otherwise it runs
 * until stopped. A path that cannot be watched fails it with `ERR_FILE_OPEN`.
 *
 * @example
 * ```ts
 * import { mkdtempSync, writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { basename, join } from 'node:path';
 * import { collectInto, WatchFile } from '@plexus/components';
 * import { graph } from '@plexus/core';
 *
 * const incoming = mkdtempSync(join(tmpdir(), 'incoming-'));
 * const ready: boolean[] = [];
 * const seen: { event: string; path: string }[] = [];
 * const g = graph();
 * const watch = g.add('watch', WatchFile, {
 *   params: { paths: incoming, ignoreInitial: true, count: 1 },
 * });
 * g.link(watch.outbox('ready'), g.add('ready', collectInto(ready)).inbox('in'));
 * g.link(watch.outbox('out'), g.add('seen', collectInto(seen)).inbox('in'));
 * const running = g.run();
 * while (ready.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
 * writeFileSync(join(incoming, 'report.csv'), 'a,b\n'); // once it watches
 * await running; // count: 1, so it ends after the first change
 * const events = seen.map((c) => [c.event, basename(c.path)]);
 * // events: [['add', 'report.csv']]
 * ```
 */
export const WatchFile = defineComponent({
  name: 'WatchFile',
  description: 'Watches files and directories and sends { event, path } for each change.',
  outboxes: {
    out: box(change, 'The changes, in the order they were seen.'),
    ready: box(z.boolean(), 'Sent once, when the initial scan is done and changes are watched.', {
      optional: true,
    }),
  },
  params: z.object({
    paths: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .meta({ format: 'path' })
      .describe('Files or directories to watch (relative to the graph file, in a graph file).'),
    ignoreInitial: z
      .boolean()
      .default(false)
      .describe('Do not announce what is there at the start.'),
    depth: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('How deep to watch under a directory (default: all).'),
    settleMs: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('Report a file only once it has not changed for this long.'),
    count: z.number().int().min(1).optional().describe('End after this many events.'),
  }),
  async body({ outbox, params, signal, name }) {
    const who = { name, type: 'WatchFile' };
    const pending = new Map<string, z.output<typeof change>>();
    let failure: unknown;
    let wake: (() => void) | undefined;
    const poke = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    const watcher = watch([params.paths].flat(), {
      ignoreInitial: params.ignoreInitial,
      ...(params.depth === undefined ? {} : { depth: params.depth }),
      ...(params.settleMs > 0
        ? {
            awaitWriteFinish: {
              stabilityThreshold: params.settleMs,
              pollInterval: Math.min(100, params.settleMs),
            },
          }
        : {}),
    });
    let ready = false;
    watcher.on('all', (event, path) => {
      pending.delete(path);
      pending.set(path, { event: event as z.output<typeof change>['event'], path });
      poke();
    });
    watcher.on('ready', () => {
      ready = true;
      poke();
    });
    watcher.on('error', (error) => {
      failure ??= Errors.fileOpen(who, [params.paths].flat().join(', '), 'reading', error);
      poke();
    });
    const onAbort = () => poke();
    signal.addEventListener('abort', onAbort);
    try {
      const count = params.count ?? Number.POSITIVE_INFINITY;
      let sent = 0;
      let announced = false;
      while (sent < count) {
        while (pending.size > 0 && sent < count) {
          const [path, event] = pending.entries().next().value!;
          pending.delete(path);
          await outbox.out.send(event);
          sent++;
        }
        if (ready && !announced) {
          announced = true;
          await outbox.ready.send(true);
        }
        if (failure !== undefined) throw failure;
        if (sent >= count || signal.aborted) break;
        if (pending.size === 0)
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      await watcher.close();
    }
  },
});
