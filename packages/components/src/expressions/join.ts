import { box, defineComponent, z } from '@plexus/core';
import { Errors } from '../errors.ts';
import {
  attempt,
  type Compiled,
  compile,
  errorsBox,
  expression,
  onError,
  SKIPPED,
} from '../internal/expression.ts';
import { keyOf } from '../internal/order.ts';
import { type Parts, partsSchema } from '../internal/parts.ts';
import { deletePath, dotPath, getPath, setPath } from '../internal/paths.ts';

/** One group being joined. */
interface Group {
  values: unknown[];
  keys: string[];
  last: unknown;
  /** parts mode: the sequence's parts, from its first piece. */
  parts?: Parts;
  received: number;
  /** With timeoutMs: when it is sent, complete or not (a `Date.now()` time). */
  deadline?: number | undefined;
}

/**
 * Joins messages into one: the pieces {@link Split} made (`mode: 'parts'`), every `count`
 * messages into an array (`mode: 'count'`), or messages into an object by a key
 * (`mode: 'key'`).
 *
 * `mode: 'parts'` (the default) puts each sequence back as it was — an array in order, an
 * object by key, a string joined with its separator — once all `parts.count` pieces have
 * arrived, whatever their order and however sequences interleave; at most `max` sequences are
 * held at once (more fails with `ERR_COLLECT_LIMIT`). `mode: 'count'` sends an array of every
 * `count` messages, per group if `groupBy` (a JSONata expression, e.g. `topic`) is given.
 * `mode: 'key'` builds an object whose keys are a JSONata `key` of each message (`topic` by
 * default) and whose values are the messages, and sends it once it has `count` keys (a later
 * message with a key it has replaces the value). The values joined are whole messages, or
 * with `property` (say `payload`) that field of each; with `property`, the result is sent as
 * a copy of the last message with that field set to it (and `parts` removed), as Node-RED
 * does. With `timeoutMs`, a group not complete that long after its first message is sent with
 * what it has gathered (Node-RED's join timeout), and a later message starts a new group; the
 * wait is `inbox.waitFor`, so a stop never waits for it. At end of input, incomplete groups
 * are sent as they are unless `partial: false`.
 * Messages without `parts` in parts mode fail with `ERR_MESSAGE_SHAPE`; a failing expression
 * with `ERR_EXPRESSION` (or with `onError: 'skip'`, the message goes to `errors`).
 *
 * @example
 * ```ts
 * import { Join } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(Join, { in: [1, 2, 3, 4, 5] }, {
 *   params: { mode: 'count', count: 2 },
 * });
 * // out: [[1, 2], [3, 4], [5]]
 * ```
 */
export const Join = defineComponent({
  name: 'Join',
  description: "Joins Split's pieces, every count messages, or messages by key, into one.",
  inboxes: { in: box(z.any(), 'Messages to join.') },
  outboxes: {
    out: box(z.unknown(), 'The joined values (or messages carrying them, with property).'),
    errors: errorsBox,
  },
  params: z
    .object({
      mode: z
        .enum(['parts', 'count', 'key'])
        .default('parts')
        .describe(
          "'parts': undo a Split; 'count': arrays of count messages; 'key': objects by key.",
        ),
      count: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe("Messages per array (mode 'count'), or keys per object (mode 'key')."),
      key: expression("JSONata key of a message (mode 'key').")
        .default('topic')
        .describe("Mode 'key': JSONata key of a message, e.g. 'topic'."),
      groupBy: expression("JSONata group of a message (mode 'count'), e.g. 'topic'.")
        .optional()
        .describe("Mode 'count': join each group apart, e.g. by 'topic' (default: one group)."),
      property: dotPath("The field joined, e.g. 'payload' (default: whole messages).")
        .optional()
        .describe("The field joined, e.g. 'payload' (default: whole messages)."),
      partial: z
        .boolean()
        .default(true)
        .describe('At end of input, send incomplete groups as they are.'),
      max: z
        .number()
        .int()
        .min(1)
        .default(10_000)
        .describe('Most groups held at once (more fails the component).'),
      timeoutMs: z
        .number()
        .positive()
        .optional()
        .describe(
          'Send a group with what it has gathered once this long has passed since its first message.',
        ),
      onError,
    })
    .refine((p) => p.mode === 'parts' || p.count !== undefined, {
      message: "needs 'count' with mode 'count' or 'key'",
      path: ['count'],
    }),
  async body({ inbox, outbox, params, name }) {
    const who = { name, type: 'Join' };
    const { mode, property } = params;
    const groups = new Map<string, Group>();
    const keyExpr: Compiled | undefined = mode === 'key' ? compile('key', params.key) : undefined;
    const groupExpr: Compiled | undefined =
      mode === 'count' && params.groupBy !== undefined
        ? compile('groupBy', params.groupBy)
        : undefined;
    const pick = (message: unknown) =>
      property === undefined
        ? mode === 'parts'
          ? (message as { payload?: unknown }).payload
          : message
        : getPath(message, property);
    const result = (group: Group): unknown => {
      let joined: unknown;
      if (mode === 'key')
        joined = Object.fromEntries(group.keys.map((k, i) => [k, group.values[i]]));
      else if (mode === 'count') joined = group.values;
      else joined = assemble(group);
      return property === undefined
        ? joined
        : setPath(deletePath(group.last, 'parts'), property, joined);
    };
    const send = async (id: string, group: Group) => {
      groups.delete(id);
      await outbox.out.send(result(group));
    };
    const deadline = () =>
      params.timeoutMs === undefined ? undefined : Date.now() + params.timeoutMs;
    /** Send every group whose time is up, with what it has gathered. */
    const expire = async () => {
      // Groups are made in order and all wait as long, so the first one held is due first.
      for (const [id, group] of groups) {
        if (group.deadline === undefined || group.deadline > Date.now()) return;
        await send(id, group);
      }
    };
    const take = async (message: unknown): Promise<void> => {
      let id: string;
      if (mode === 'parts') {
        const parts = partsSchema.safeParse((message as { parts?: unknown } | null)?.parts);
        if (!parts.success)
          throw Errors.messageShape(
            who,
            message,
            'which has no valid parts ({ id, index, count, type }) to join by',
            "Join in mode 'parts' joins what Split made; for other messages use mode 'count' or 'key'.",
          );
        id = parts.data.id;
        let group = groups.get(id);
        if (group === undefined) {
          if (groups.size >= params.max) throw Errors.collectLimit(who, params.max);
          group = { values: [], keys: [], last: message, parts: parts.data, received: 0 };
          group.deadline = deadline();
          groups.set(id, group);
        }
        const index = parts.data.index;
        if (!(index in group.values)) group.received++;
        group.values[index] = pick(message);
        if (parts.data.key !== undefined) group.keys[index] = parts.data.key;
        group.last = message;
        if (group.received >= parts.data.count) await send(id, group);
        return;
      }
      const by = mode === 'key' ? keyExpr : groupExpr;
      const found =
        by === undefined ? '' : await attempt(by, message, who, params.onError, outbox.errors);
      if (found === SKIPPED) return;
      id = mode === 'key' ? '' : keyOf(found);
      let group = groups.get(id);
      if (group === undefined) {
        if (groups.size >= params.max) throw Errors.collectLimit(who, params.max);
        group = { values: [], keys: [], last: message, received: 0, deadline: deadline() };
        groups.set(id, group);
      }
      group.last = message;
      if (mode === 'key') {
        const k = typeof found === 'string' ? found : JSON.stringify(found ?? null);
        const at = group.keys.indexOf(k);
        if (at >= 0) group.values[at] = pick(message);
        else {
          group.keys.push(k);
          group.values.push(pick(message));
        }
      } else group.values.push(pick(message));
      if (group.values.length >= params.count!) await send(id, group);
    };
    const input = inbox.in;
    const timed = params.timeoutMs !== undefined;
    for (;;) {
      const due = groups.values().next().value?.deadline;
      const ready = due === undefined ? await input.wait() : await input.waitFor(due - Date.now());
      while (input.dataReady()) {
        if (timed) await expire();
        await take(input.recv());
      }
      if (timed) await expire();
      if (ready === false) break;
    }
    if (!params.partial) return;
    for (const [id, group] of [...groups]) await send(id, group);
  },
});

/** A Split sequence put back together (pieces missing at end of input are left out). */
function assemble(group: Group): unknown {
  const { parts } = group;
  const present = group.values.map((value, i) => ({ value, i })).filter((v) => v.i in group.values);
  if (parts?.type === 'object')
    return Object.fromEntries(present.map(({ value, i }) => [group.keys[i] ?? String(i), value]));
  if (parts?.type === 'string')
    return present.map(({ value }) => String(value)).join(parts.ch ?? '');
  if (parts?.len !== undefined && parts.len > 1)
    return present.flatMap(({ value }) => (Array.isArray(value) ? value : [value]));
  return present.map(({ value }) => value);
}
