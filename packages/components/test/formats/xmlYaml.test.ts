import { describe, expect, test } from '@jest/globals';
import { graph, runComponent } from '@plexus/core';
import {
  collectInto,
  FromItems,
  XmlParse,
  XmlStringify,
  YamlParse,
  YamlStringify,
} from '../../src/index.ts';

describe('XmlParse and XmlStringify', () => {
  test('parse elements, repeats and attributes; write them back', async () => {
    const { out } = await runComponent(XmlParse, {
      in: ['<r id="1"><t>21.5</t><t>3</t><n>x</n></r>'],
    });
    expect(out).toEqual([{ r: { t: [21.5, 3], n: 'x', '@id': 1 } }]);
    const written = await runComponent(
      XmlStringify,
      { in: [{ r: { '@id': 1, t: 21.5 } }] },
      { params: { indent: 0 } },
    );
    expect(written.out).toEqual(['<r id="1"><t>21.5</t></r>']);
  });

  test('a document that is not well-formed fails with ERR_BAD_FORMAT, naming line and column', async () => {
    const failure = (await runComponent(XmlParse, { in: ['<a>\n<b>1</a>'] }).catch(
      (e: unknown) => e,
    )) as Error & {
      cause?: { code?: string };
    };
    expect(failure.cause?.code).toBe('ERR_BAD_FORMAT');
    expect(failure.message).toContain('received XML that is not valid at line 2, column');
  });
});

describe('YamlParse and YamlStringify', () => {
  test('parses a multi-document stream split anywhere, each document as it completes', async () => {
    const text = 'a: 1\n---\nb: [2, 3]\n---\n- x\n';
    const chunks = [...text];
    const { out } = await runComponent(YamlParse, { in: chunks });
    expect(out).toEqual([{ a: 1 }, { b: [2, 3] }, ['x']]);
  });

  test("with each 'message', parses every message on its own", async () => {
    const { out } = await runComponent(
      YamlParse,
      { in: ['a: 1', 'b: 2\n---\nc: 3'] },
      { params: { each: 'message' } },
    );
    expect(out).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  test('round-trips through YamlStringify', async () => {
    const values = [{ room: 'kitchen', temps: [21, 22] }, 'text', 3, null];
    const seen: unknown[] = [];
    const g = graph('yaml');
    g.pipeline(
      g.add('values', FromItems, { params: { items: values } }),
      g.add('write', YamlStringify),
      g.add('read', YamlParse),
      g.add('seen', collectInto(seen)),
    );
    await g.run();
    expect(seen).toEqual(values);
  });

  test('text that is not YAML fails with ERR_BAD_FORMAT, naming its line', async () => {
    const failure = (await runComponent(YamlParse, { in: ['a: 1\nb: [1, 2\n'] }).catch(
      (e: unknown) => e,
    )) as Error & {
      cause?: { code?: string };
    };
    expect(failure.cause?.code).toBe('ERR_BAD_FORMAT');
    expect(failure.message).toMatch(/received YAML that is not valid at line \d+, column \d+/);
  });
});
