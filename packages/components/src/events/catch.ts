import { box, type ComponentInfo, defineComponent, z } from '@plexus/core';
import { watch } from '../internal/watch.ts';

const caught = z.object({
  component: z.string().describe('Instance name of the component that failed.'),
  type: z.string().describe('Its definition name.'),
  backend: z.string().describe('Where it ran.'),
  event: z
    .enum(['restart', 'fail'])
    .describe("'restart': it crashed and its supervisor restarts it; 'fail': it failed the graph."),
  restarts: z.number().int().optional().describe('How many times it has been restarted.'),
  error: z.object({ name: z.string(), code: z.string().optional(), message: z.string() }),
});

/**
 * What Catch sends for each failure.
 *
 * The component (instance name, type, backend), whether it is being restarted (`restart`) or
 * failed the graph (`fail`), how many restarts so far, and the error's name, code and message.
 *
 * @example
 * ```ts
 * import type { Caught } from '@plexus/components';
 *
 * export const line = (c: Caught) =>
 *   `${c.component} (${c.type}) ${c.event === 'restart' ? 'restarted' : 'failed'}: ${c.error.message}`;
 * ```
 */
export type Caught = z.output<typeof caught>;

/**
 * Sends the errors of other components as messages (Node-RED's catch node): every crash
 * that a supervisor restarts, and a failure that fails the graph.
 *
 * It watches the components named in `components`, or every component but other watchers
 * (Catch, Status), and sends `{ component, type, backend, event, restarts, error }` for each
 * crash: `event: 'restart'` when the component is supervised and restarted (the graph goes
 * on), `'fail'` when the failure fails the graph (sent as the graph goes down, if it can still
 * be delivered). It ends once every component it watches has finished, so a graph that would
 * complete still completes.
 *
 * It sees what its place sees. Inline (the default) it sees every component of the graph,
 * wherever each runs, since workers and processes report theirs to the main thread. Placed on
 * a worker or in a process, it sees only the components of that worker or process (its group),
 * and nothing of the rest; told to watch a component it cannot see from there, it fails at
 * once with `ERR_OUT_OF_SIGHT` instead of waiting for it. Run it inline.
 *
 * @example
 * ```ts
 * import { type Caught, Catch, collectInto, FromItems, JsonDecode } from '@plexus/components';
 * import { graph } from '@plexus/core';
 *
 * // 'decode' crashes on 'oops' and is restarted; Catch reports it (error.message quotes 'oops').
 * const g = graph('app', { supervise: { strategy: 'one-for-one', maxRestarts: 3 } });
 * const decoded: unknown[] = [];
 * g.pipeline(
 *   g.add('read', FromItems, { params: { items: ['{"a":1}', 'oops', '{"a":2}'] } }),
 *   g.add('decode', JsonDecode),
 *   g.add('keep', collectInto(decoded)),
 * );
 * const caught: Caught[] = [];
 * g.pipeline(g.add('errors', Catch), g.add('log', collectInto(caught)));
 * await g.run();
 * const crashes = caught.map((c) => [c.component, c.event, c.restarts, c.error.code]);
 * // decoded: [{ a: 1 }, { a: 2 }], crashes: [['decode', 'restart', 1, 'ERR_COMPONENT_FAILED']]
 * ```
 */
export const Catch = defineComponent({
  name: 'Catch',
  description: 'Sends the errors of other components (restarts and failures) as messages.',
  outboxes: { out: box(caught, 'One message per crash, with the component and the error.') },
  params: z.object({
    components: z
      .array(z.string())
      .default([])
      .describe('Instance names to watch (default: every component but Catch and Status).'),
  }),
  gracefulStop: 'drain',
  async body({ outbox, params, events, name, signal }) {
    const queue: Caught[] = [];
    let wake: (() => void) | undefined;
    const push = (info: ComponentInfo, event: Caught['event'], error: Error, restarts?: number) => {
      if (!w.watches(info)) return;
      const e = error as Error & { code?: unknown };
      queue.push({
        component: info.name,
        type: info.type,
        backend: info.backend,
        event,
        ...(restarts === undefined ? {} : { restarts }),
        error: {
          name: e.name,
          ...(typeof e.code === 'string' ? { code: e.code } : {}),
          message: e.message,
        },
      });
      wake?.();
    };
    const w = watch(events, { name, type: 'Catch' }, params.components, signal, {
      'component:restart': (info, error, restarts) => push(info, 'restart', error, restarts),
      'component:fail': (info, error) => push(info, 'fail', error),
    });
    let finished = false;
    void w.done.then(() => {
      finished = true;
      wake?.();
    });
    try {
      for (;;) {
        while (queue.length > 0) await outbox.out.send(queue.shift()!);
        if (finished || signal.aborted) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    } finally {
      w.close();
    }
  },
});
