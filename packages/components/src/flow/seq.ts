import { box, defineComponent, z } from '@plexus/core';
import { Errors } from '../errors.ts';
import { type Child, Children } from '../internal/children.ts';
import { loadComponent } from '../internal/loadComponent.ts';
import { END } from '../internal/relay.ts';

const step = z.object({
  use: z
    .string()
    .min(1)
    .describe("The component, as 'module#Export', e.g. '@plexus/components#Take'."),
  params: z.record(z.string(), z.unknown()).default({}).describe('Its params.'),
});

/**
 * Runs components one after another (Kamaelia's Seq): each step has the Seq's input and
 * output until it finishes, then the next step takes over.
 *
 * Each step is `{ use: 'module#Export', params }`. The first is added to the graph when the
 * Seq starts, as a child named after it (`seq-1`, `seq-2`, …); what arrives on the Seq's `in`
 * goes to the current step's inbox `in`, and what its outbox `out` sends is sent on the Seq's
 * `out`. When a step finishes, it is removed and the next step is added and takes over the
 * rest of the input. A step is handed one message at a time, and messages it had not been
 * handed go to the next step; the one it was handed when it finished, if it had not taken it,
 * is lost with it (as in Kamaelia: a `Take` of 2 as a step, for instance, may cost the third
 * message). A step without an inbox `in` (a source: a header, a greeting) leaves the input
 * waiting for the next step. The Seq ends after its last step; if its input ends first, each
 * later step sees its input end at once. Modules are loaded with `import()` where the Seq runs
 * (a package, or a path relative to the working directory); one that cannot be loaded, or a
 * step without an outbox `out`, fails with `ERR_CHILD`.
 *
 * @example
 * ```ts
 * import { Seq } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(Seq, { in: ['a', 'b'] }, {
 *   params: {
 *     steps: [
 *       { use: '@plexus/components#FromItems', params: { items: ['header'] } },
 *       { use: '@plexus/components#Map', params: { expression: '$uppercase($)' } },
 *     ],
 *   },
 * });
 * // out: ['header', 'A', 'B']
 * ```
 */
export const Seq = defineComponent({
  name: 'Seq',
  description:
    "Runs components one after another, each with the Seq's input and output until it finishes.",
  inboxes: { in: box(z.any(), 'Messages for the current step.', { optional: true }) },
  outboxes: { out: box(z.any(), 'What each step sends, step after step.') },
  params: z.object({
    steps: z
      .array(step)
      .min(1)
      .describe("The steps, in order: [{ use: 'module#Export', params }]."),
  }),
  async body(ctx) {
    const { inbox, outbox, params, name, signal } = ctx;
    const who = { name, type: 'Seq' };
    const controller = new AbortController();
    const local = AbortSignal.any([signal, controller.signal]);
    const children = new Children(ctx, who);
    let current: Child | undefined;
    /** Messages handed to a step that finished without taking them, for the next step. */
    let carried: unknown[] = [];
    let changed: (() => void) | undefined;
    let inputEnded = false;
    let failure: unknown;
    const stepChanged = () =>
      new Promise<void>((resolve) => {
        changed = resolve;
      });

    // The Seq's input goes to whichever step is current; a message no step took waits.
    const reading = (async () => {
      const input = inbox.in;
      while (await input.wait()) {
        const message = input.recv();
        for (;;) {
          const target = current?.input;
          if (target !== undefined && (await target.put(message, local))) break;
          await stepChanged();
          if (local.aborted) return;
        }
      }
      inputEnded = true;
      current?.input?.close();
    })();
    reading.catch((error: unknown) => {
      if (!local.aborted) failure ??= error;
      controller.abort();
    });

    try {
      for (const [i, s] of params.steps.entries()) {
        const definition = await loadComponent(s.use, (problem, fix, cause) =>
          Errors.child(who, s.use, `${problem} (step ${i + 1})`, fix, cause),
        );
        const child = children.add(s.use, definition, s.params);
        if (child.input !== undefined) {
          for (const message of carried) await child.input.put(message, local);
          carried = [];
          if (inputEnded) child.input.close();
        }
        current = child;
        const wake = changed;
        changed = undefined;
        wake?.();
        for (;;) {
          const item = await children.next(local);
          if (item === END) break;
          if ('end' in item) break;
          await outbox.out.send(item.message);
        }
        current = undefined;
        if (child.input !== undefined) carried = child.input.leftovers();
        children.remove(child.tag);
      }
      if (failure !== undefined) throw failure;
    } finally {
      controller.abort();
      const wake = changed;
      changed = undefined;
      wake?.();
      children.close();
    }
  },
});
