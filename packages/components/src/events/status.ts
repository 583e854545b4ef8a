import { box, type ComponentInfo, defineComponent, z } from '@plexus/core';
import { watch } from '../internal/watch.ts';

const status = z.object({
  component: z.string().describe('Instance name.'),
  type: z.string().describe('Definition name.'),
  backend: z.string().describe('Where it runs.'),
  state: z.enum(['running', 'ended', 'stopped', 'failed', 'restarting']).describe('Its new state.'),
  reason: z
    .string()
    .optional()
    .describe('Why it stopped early, if it did (e.g. downstream-ended).'),
  restarts: z.number().int().optional().describe('How many times it has been restarted.'),
});

/**
 * What Status sends for each change of state.
 *
 * The component (instance name, type, backend) and its new state; `reason` says why it stopped
 * early, and `restarts` how often its supervisor restarted it.
 *
 * @example
 * ```ts
 * import type { StatusChange } from '@plexus/components';
 *
 * export const line = (s: StatusChange) =>
 *   `${s.component}: ${s.state}${s.reason === undefined ? '' : ` (${s.reason})`}`;
 * ```
 */
export type StatusChange = z.output<typeof status>;

/**
 * Sends the state changes of other components as messages (Node-RED's status node): started,
 * ended, stopped, failed, restarting.
 *
 * It watches the components named in `components`, or every component but other watchers
 * (Catch, Status), and sends `{ component, type, backend, state, reason, restarts }` when one
 * starts (`running`), finishes (`ended`; `stopped` with the `reason` when stopped early, e.g.
 * `downstream-ended`), fails (`failed`), or crashes and is restarted by its supervisor
 * (`restarting`). Components that were already running when it started are not announced.
 * It ends once every component it watches has finished, so a graph that would complete still
 * completes. Like {@link Catch}, it sees what its place sees: inline (the default), every
 * component of the graph; on a worker or in a process, only the components placed with it
 * there (naming any other fails it with `ERR_OUT_OF_SIGHT`). Run it inline to see the whole
 * graph.
 *
 * @example
 * ```ts
 * import { collectInto, FromItems, Status, type StatusChange, Take } from '@plexus/components';
 * import { graph } from '@plexus/core';
 *
 * // Added first, it sees the others start. 'first' takes one number and ends, so 'numbers'
 * // is stopped early: downstream-ended.
 * const changes: StatusChange[] = [];
 * const g = graph('app');
 * g.pipeline(
 *   g.add('status', Status, { params: { components: ['numbers', 'first'] } }),
 *   g.add('log', collectInto(changes)),
 * );
 * g.pipeline(
 *   g.add('numbers', FromItems, { params: { items: [1, 2, 3], repeat: 1000 } }),
 *   g.add('first', Take, { params: { count: 1 } }),
 *   g.add('keep', collectInto([])),
 * );
 * await g.run();
 * const seen = changes.map((s) => `${s.component}: ${s.state}${s.reason ? ` (${s.reason})` : ''}`);
 * // seen: [
 * //   'numbers: running',
 * //   'first: running',
 * //   'first: ended',
 * //   'numbers: stopped (downstream-ended)',
 * // ]
 * ```
 */
export const Status = defineComponent({
  name: 'Status',
  description:
    'Sends the state changes of other components (start, end, failure, restart) as messages.',
  outboxes: { out: box(status, 'One message per change of state.') },
  params: z.object({
    components: z
      .array(z.string())
      .default([])
      .describe('Instance names to watch (default: every component but Catch and Status).'),
  }),
  gracefulStop: 'drain',
  async body({ outbox, params, events, name, signal }) {
    const queue: StatusChange[] = [];
    let wake: (() => void) | undefined;
    const push = (info: ComponentInfo, state: StatusChange['state'], restarts?: number) => {
      if (!w.watches(info)) return;
      queue.push({
        component: info.name,
        type: info.type,
        backend: info.backend,
        state,
        ...(info.reason === undefined || state === 'running' ? {} : { reason: info.reason }),
        ...(restarts === undefined ? {} : { restarts }),
      });
      wake?.();
    };
    const w = watch(events, { name, type: 'Status' }, params.components, signal, {
      'component:start': (info) => push(info, 'running'),
      'component:end': (info) =>
        push(
          info,
          info.state === 'stopped' ? 'stopped' : info.state === 'failed' ? 'failed' : 'ended',
        ),
      'component:fail': (info) => push(info, 'failed'),
      'component:restart': (info, _error, restarts) => push(info, 'restarting', restarts),
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
