import { box, defineComponent, z } from '@plexus/core';
import { compile, evaluate, expression, truthy } from '../internal/expression.ts';
import { sleepUntil } from '../internal/schedule.ts';

/**
 * Sends something when a message arrives, then something else `ms` later unless reset
 * (Node-RED's trigger node): a watchdog, a pulse, a debouncer.
 *
 * When a message arrives while idle, `first` is sent: the message itself (`'message'`, the
 * default), `firstValue` (`'value'`) or nothing (`'nothing'`); then it waits `ms`. Messages
 * arriving during the wait are not sent; with `extend: true` each one restarts the wait
 * (so `after` comes `ms` after the last message: a watchdog or debounce). When the wait is
 * over, `after` is sent: nothing (`'nothing'`, the default), `afterValue` (`'value'`), the
 * message that started the wait (`'message'`) or the latest one (`'latest'`); and it is idle
 * again. A message for which the JSONata `reset` condition holds ends a wait without sending
 * anything. At end of input a pending wait still runs to its end. Its timer watches the stop
 * signal.
 *
 * @example
 * ```ts
 * import { Trigger } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * // A watchdog: 'silent' once no reading has come for 20 ms (each reading restarts the wait).
 * const { out } = await runComponent(Trigger, { in: [{ t: 21 }, { t: 22 }, { t: 21 }] }, {
 *   params: { ms: 20, first: 'nothing', extend: true, after: 'value', afterValue: 'silent' },
 * });
 * // out: ['silent']
 * ```
 */
export const Trigger = defineComponent({
  name: 'Trigger',
  description: 'Sends something when a message arrives, then something else ms later unless reset.',
  inboxes: { in: box(z.any(), 'Messages that trigger (or extend, or reset) it.') },
  outboxes: { out: box(z.unknown(), 'What first and after say to send.') },
  params: z.object({
    ms: z.number().min(0).describe('Milliseconds to wait after a trigger.'),
    first: z
      .enum(['message', 'value', 'nothing'])
      .default('message')
      .describe("Sent when triggered: the 'message', firstValue ('value'), or 'nothing'."),
    firstValue: z.unknown().optional().describe("What first: 'value' sends."),
    after: z
      .enum(['nothing', 'value', 'message', 'latest'])
      .default('nothing')
      .describe(
        "Sent after the wait: 'nothing', afterValue ('value'), the triggering 'message' or the 'latest'.",
      ),
    afterValue: z.unknown().optional().describe("What after: 'value' sends."),
    extend: z.boolean().default(false).describe('Each message during the wait restarts it.'),
    reset: expression(
      'JSONata condition: a message for which it holds cancels the wait, e.g. \'payload = "reset"\'.',
    )
      .optional()
      .describe(
        'JSONata condition of a message that cancels the wait, e.g. \'payload = "reset"\'.',
      ),
  }),
  async body({ inbox, outbox, params, name, signal }) {
    const who = { name, type: 'Trigger' };
    const reset = params.reset === undefined ? undefined : compile('reset', params.reset);
    const input = inbox.in;
    let waiting: { due: number; first: unknown; latest: unknown } | undefined;
    let ended = false;
    const fire = async () => {
      const w = waiting!;
      waiting = undefined;
      if (params.after === 'value') await outbox.out.send(params.afterValue ?? null);
      else if (params.after === 'message') await outbox.out.send(w.first);
      else if (params.after === 'latest') await outbox.out.send(w.latest);
    };
    while (!ended || waiting !== undefined) {
      if (waiting !== undefined && Date.now() >= waiting.due) {
        await fire();
        continue;
      }
      if (ended) {
        await sleepUntil(waiting!.due, signal);
        await fire();
        continue;
      }
      const ready =
        waiting === undefined ? await input.wait() : await input.waitFor(waiting.due - Date.now());
      if (ready === false) {
        ended = true;
        continue;
      }
      if (ready === 'timeout') {
        if (waiting !== undefined && Date.now() >= waiting.due) await fire();
        continue;
      }
      while (input.dataReady()) {
        const message = input.recv();
        if (reset !== undefined && truthy(await evaluate(reset, message, who))) {
          waiting = undefined;
          continue;
        }
        if (waiting !== undefined) {
          waiting.latest = message;
          if (params.extend) waiting.due = Date.now() + params.ms;
          continue;
        }
        if (params.first === 'message') await outbox.out.send(message);
        else if (params.first === 'value') await outbox.out.send(params.firstValue ?? null);
        waiting = { due: Date.now() + params.ms, first: message, latest: message };
      }
    }
  },
});
