import { box, defineComponent, z } from '@plexus/core';
import { Errors } from '../errors.ts';
import { attempt, compile, errorsBox, failed, onError, SKIPPED } from '../internal/expression.ts';
import { checkTemplate, pieces } from '../internal/template.ts';

/**
 * Sends a text for each message: a template whose `{{ expressions }}` are JSONata of the
 * message.
 *
 * `Temperature {{ payload.temp }} °C at {{ topic }}`: each `{{ }}` holds a JSONata expression
 * whose input (`$`) is the message. A string value is inserted as it is, nothing (no match) as
 * an empty string, anything else as JSON. With `output: 'json'` the text is parsed as JSON and
 * the value sent instead (so a template can build a message). The template is split and its
 * expressions compiled once; a syntax error fails `plexus check` at its character in the
 * template. An evaluation error (or text that is not JSON, with `output: 'json'`) fails the
 * component with `ERR_EXPRESSION`, or with `onError: 'skip'` goes to `errors`.
 *
 * @example
 * ```ts
 * import { Template } from '@plexus/components';
 * import { runComponent } from '@plexus/core';
 *
 * const { out } = await runComponent(Template, { in: [{ name: 'Ada', n: 2 }] }, {
 *   params: { template: 'Hello {{ name }}, you have {{ n }} messages' },
 * });
 * // out: ['Hello Ada, you have 2 messages']
 * ```
 */
export const Template = defineComponent({
  name: 'Template',
  description: 'Sends a text for each message, from a template with JSONata in {{ }}.',
  inboxes: { in: box(z.any(), 'Messages; each is the input ($) of the expressions.') },
  outboxes: {
    out: box(
      z.unknown(),
      "The filled-in text for each message (the JSON's value with output: 'json').",
    ),
    errors: errorsBox,
  },
  params: z.object({
    template: z
      .string()
      .superRefine(checkTemplate)
      .describe("Text with JSONata expressions in {{ }}, e.g. 'Alert: {{ payload.temp }} °C'."),
    output: z
      .enum(['text', 'json'])
      .default('text')
      .describe("'text' sends the text; 'json' parses it and sends the value."),
    onError,
  }),
  boxesFor: (params) =>
    params.output === 'text'
      ? { outboxes: { out: box(z.string(), 'The filled-in text for each message, in order.') } }
      : {},
  async body({ inbox, outbox, params, name }) {
    const who = { name, type: 'Template' };
    const parts = pieces(params.template).map((part, i) =>
      'text' in part ? part.text : compile(`template {{ }} ${i + 1}`, part.expression),
    );
    next: for await (const message of inbox.in) {
      let text = '';
      for (const part of parts) {
        if (typeof part === 'string') {
          text += part;
          continue;
        }
        const value = await attempt(part, message, who, params.onError, outbox.errors);
        if (value === SKIPPED) continue next;
        text +=
          value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
      }
      if (params.output === 'text') {
        await outbox.out.send(text);
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        const failure = Errors.expression(
          who,
          'template',
          params.template,
          message,
          new Error(`the filled-in text is not JSON (${(error as Error).message}): ${text}`),
          "Fix the template so it makes JSON, use output: 'text', or set onError: 'skip'.",
        );
        if (params.onError === 'fail') throw failure;
        await outbox.errors.send(failed(message, failure));
        continue;
      }
      await outbox.out.send(value);
    }
  },
});
