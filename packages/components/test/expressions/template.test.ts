import { describe, expect, test } from '@jest/globals';
import { graph, typeName } from '@plexus/core';
import { Template } from '../../src/index.ts';
import { failure, run } from './helpers.ts';

describe('Template', () => {
  test('fills each {{ expression }} from the message: strings as they are, nothing as empty, the rest as JSON', async () => {
    const { out } = await run(
      Template,
      { template: '{{name}}: {{ n + 1 }} {{ missing }}{{ tags }}!' },
      [{ name: 'Ada', n: 1, tags: ['x'] }],
    );
    expect(out).toEqual(['Ada: 2 ["x"]!']);
  });

  test("output 'json' sends the value the text spells", async () => {
    const { out } = await run(
      Template,
      { template: '{"alert": "{{ topic }}", "value": {{ payload }}}', output: 'json' },
      [{ topic: 't', payload: 3 }],
    );
    expect(out).toEqual([{ alert: 't', value: 3 }]);
    const error = await failure(Template, { template: '{{ a }}', output: 'json' }, [{ a: 'x y' }]);
    expect(error.cause?.code).toBe('ERR_EXPRESSION');
    expect(error.message).toContain('the filled-in text is not JSON');
  });

  test('sends strings (its outbox says so) unless output is json', () => {
    const node = graph('g').add('t', Template, { params: { template: 'x' } });
    expect(typeName(node.definition.outboxes.out.schema)).toBe('string');
  });

  test('a bad template is refused at the character where it goes wrong', () => {
    expect(() => graph('g').add('t', Template, { params: { template: 'ab {{ c' } })).toThrow(
      "'{{' is not closed by '}}' (at character 4)",
    );
    expect(() => graph('g').add('t', Template, { params: { template: 'ab {{ c + }}' } })).toThrow(
      'at character 10, in {{ c + }}',
    );
  });
});
