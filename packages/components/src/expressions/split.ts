import { box, defineComponent, z } from '@plexus/core';
import { Errors } from '../errors.ts';
import { type Parts, pieceSchema } from '../internal/parts.ts';
import { dotPath, getPath, setPath } from '../internal/paths.ts';

/**
 * Splits each array, object or string into pieces, one message each, marked with Node-RED's
 * `parts` so {@link Join} can put them back together.
 *
 * An array is split into its items (`size` items per piece with `size` > 1); an object into one
 * piece per key (`parts.key` says which); a string at each `separator` (default a line break),
 * or into pieces of `length` characters. Each piece goes out as `{ payload: piece, parts }`,
 * or, with `property` (say `payload`), as a copy of the message with that field replaced by
 * the piece and `parts` added, as Node-RED does. `parts` is `{ id, index, count, type }` (and
 * `key`, `ch` or `len`): `id` names the message the piece came from (`split-1`, `split-2`, …
 * after the instance name), `count` how many pieces it made. An empty array, object or string
 * sends one piece-less sequence: nothing. A value that cannot be split (a number, say) fails
 * with `ERR_MESSAGE_SHAPE`.
 *
 * @example
 * ```ts
 * import { Split } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(Split, { in: [['a', 'b']] });
 * // out: [
 * //   { payload: 'a', parts: { id: 'Split-1', index: 0, count: 2, type: 'array' } },
 * //   { payload: 'b', parts: { id: 'Split-1', index: 1, count: 2, type: 'array' } },
 * // ]
 * ```
 */
export const Split = defineComponent({
  name: 'Split',
  description: 'Splits each array, object or string into pieces marked with parts, for Join.',
  inboxes: { in: box(z.any(), 'Messages to split (or whose property to split).') },
  outboxes: {
    out: box(z.any(), 'The pieces, in order, each with its parts ({ payload, parts } by default).'),
  },
  params: z.object({
    property: dotPath("The field to split, e.g. 'payload' (default: the whole message).")
      .optional()
      .describe("The field to split, e.g. 'payload' (default: the whole message)."),
    size: z.number().int().min(1).default(1).describe('Array items per piece.'),
    separator: z.string().min(1).default('\n').describe('Where to split a string.'),
    length: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Split a string into pieces of this many characters instead.'),
  }),
  boxesFor: (params) =>
    params.property === undefined
      ? { outboxes: { out: box(pieceSchema, 'The pieces, in order, as { payload, parts }.') } }
      : {},
  async body({ inbox, outbox, params, name }) {
    const who = { name, type: 'Split' };
    const { property, size, separator, length } = params;
    let sequences = 0;
    for await (const message of inbox.in) {
      const whole = property === undefined ? message : getPath(message, property);
      const id = `${name}-${++sequences}`;
      let pieces: { value: unknown; key?: string }[];
      let extra: Partial<Parts> = {};
      let type: Parts['type'];
      if (Array.isArray(whole)) {
        type = 'array';
        pieces = [];
        for (let i = 0; i < whole.length; i += size)
          pieces.push({ value: size === 1 ? whole[i] : whole.slice(i, i + size) });
        if (size > 1) extra = { len: size };
      } else if (typeof whole === 'string') {
        type = 'string';
        if (length !== undefined) {
          pieces = [];
          for (let i = 0; i < whole.length; i += length)
            pieces.push({ value: whole.slice(i, i + length) });
          extra = { len: length };
        } else {
          pieces = whole === '' ? [] : whole.split(separator).map((value) => ({ value }));
          extra = { ch: separator };
        }
      } else if (typeof whole === 'object' && whole !== null && !ArrayBuffer.isView(whole)) {
        type = 'object';
        pieces = Object.entries(whole).map(([key, value]) => ({ value, key }));
      } else {
        throw Errors.messageShape(
          who,
          message,
          `whose ${property === undefined ? 'value' : `'${property}'`} is not an array, object or string`,
          property === undefined
            ? "Send arrays, objects or strings, or set the property param to the field to split (e.g. 'payload')."
            : 'Check the property param.',
        );
      }
      for (const [index, piece] of pieces.entries()) {
        const parts: Parts = {
          id,
          index,
          count: pieces.length,
          type,
          ...(piece.key === undefined ? {} : { key: piece.key }),
          ...extra,
        };
        const out =
          property === undefined
            ? { payload: piece.value, parts }
            : setPath(setPath(message, property, piece.value), 'parts', parts);
        await outbox.out.send(out);
      }
    }
  },
});
