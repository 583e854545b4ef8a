import { describe, expect, test } from '@jest/globals';
import { graph, runComponent } from '@plexus/core';
import { CsvParse, CsvStringify, collectInto, FromItems } from '../../src/index.ts';

describe('CsvParse', () => {
  test('parses records split across chunks anywhere, quoted fields included', async () => {
    const text = 'id,note,temp\n1,"a, ""b""\nc",21.5\n\n2,plain,19\n';
    const bytes = new TextEncoder().encode(text);
    const chunks = Array.from(bytes, (byte) => new Uint8Array([byte]));
    const { out } = await runComponent(CsvParse, { in: chunks }, { params: { cast: true } });
    expect(out).toEqual([
      { id: 1, note: 'a, "b"\nc', temp: 21.5 },
      { id: 2, note: 'plain', temp: 19 },
    ]);
  });

  test('arrays of fields without columns, another delimiter', async () => {
    const { out } = await runComponent(
      CsvParse,
      { in: ['a;b\nc;d'] },
      { params: { columns: false, delimiter: ';' } },
    );
    expect(out).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  test('input that is not CSV fails with ERR_BAD_FORMAT naming the line', async () => {
    const failure = (await runComponent(CsvParse, { in: ['a,b\n1,2\n3\n'] }).catch(
      (e: unknown) => e,
    )) as Error & {
      cause?: { code?: string };
    };
    expect(failure.cause?.code).toBe('ERR_BAD_FORMAT');
    expect(failure.message).toContain('received CSV that is not valid at line 3');
  });
});

describe('CsvStringify', () => {
  test('writes a header, then a line per record, quoting what needs it', async () => {
    const { out } = await runComponent(CsvStringify, {
      in: [
        { id: 1, note: 'a, b' },
        { id: 2, note: 'say "hi"', extra: true },
      ],
    });
    expect(out).toEqual(['id,note\n', '1,"a, b"\n', '2,"say ""hi"""\n']);
  });

  test('round-trips through CsvParse', async () => {
    const records = Array.from({ length: 50 }, (_, i) => ({
      i: String(i),
      text: `line ${i}\n"q", x`,
    }));
    const seen: unknown[] = [];
    const g = graph('csv', { capacity: 4 });
    g.pipeline(
      g.add('records', FromItems, { params: { items: records } }),
      g.add('write', CsvStringify),
      g.add('read', CsvParse),
      g.add('seen', collectInto(seen)),
    );
    await g.run();
    expect(seen).toEqual(records);
  });
});
