import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { runComponent } from '@plexus/core';
import { ConsoleEcho } from '../../src/index.ts';

/** Capture what is written to a stream while `work` runs. */
async function capture(stream: NodeJS.WriteStream, work: () => Promise<unknown>): Promise<string> {
  const written: string[] = [];
  jest.spyOn(stream, 'write').mockImplementation(((
    chunk: string | Uint8Array,
    cb?: (e?: Error) => void,
  ) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1'));
    if (typeof cb === 'function') cb();
    return true;
  }) as never);
  await work();
  return written.join('');
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('ConsoleEcho', () => {
  test('prints strings as they are and other values inspected, one per line, on stdout', async () => {
    const text = await capture(process.stdout, () =>
      runComponent(ConsoleEcho, { in: ['hello', 42, { a: [1, 2] }] }),
    );
    expect(text).toBe('hello\n42\n{ a: [ 1, 2 ] }\n');
  });

  test("format 'json' prints every message as JSON; newline false prints them back to back", async () => {
    const text = await capture(process.stdout, () =>
      runComponent(
        ConsoleEcho,
        { in: ['s', { n: 1 }] },
        { params: { format: 'json', newline: false } },
      ),
    );
    expect(text).toBe('"s"{"n":1}');
  });

  test('prints to stderr when told, and passes every message on through its optional out outbox', async () => {
    let out: unknown[] = [];
    const text = await capture(process.stderr, async () => {
      ({ out } = await runComponent(
        ConsoleEcho,
        { in: ['x', 'y'] },
        { params: { stream: 'stderr' } },
      ));
    });
    expect(text).toBe('x\ny\n');
    expect(out).toEqual(['x', 'y']);
  });

  test('writes bytes raw in text format', async () => {
    const text = await capture(process.stdout, () =>
      runComponent(ConsoleEcho, { in: [new Uint8Array([104, 105])] }),
    );
    expect(text).toBe('hi\n');
  });
});
