import { describe, expect, test } from '@jest/globals';
import { box, defineComponent, graph, runComponent, type TransferList, z } from '@plexus/core';
import { collector } from '@plexus/scenarios';

/** Sends `make()` with the transfer list `pick(message)` gives, then reports the sender's view. */
function mover<T>(
  make: () => T,
  pick: (message: T) => TransferList,
  look: (message: T) => unknown,
) {
  return defineComponent({
    name: 'Mover',
    description: 'Sends a message with a transfer list, then reports what the sender still sees.',
    outboxes: {
      out: box(z.any(), 'The moved message.'),
      after: box(z.any(), 'What the sender saw afterwards.'),
    },
    async body({ outbox }) {
      const message = make();
      await outbox.out.send(message, { transfer: pick(message) });
      await outbox.after.send(look(message));
    },
  });
}

describe('transfer', () => {
  test('inline too, the sender is left with a detached buffer and the receiver has the bytes', async () => {
    const Mover = mover(
      () => ({ label: 'pixels', data: new Uint8Array([1, 2, 3]) }),
      (m) => [m.data.buffer],
      (m) => m.data.byteLength,
    );
    const { out, after } = await runComponent(Mover);
    expect(after).toEqual([0]);
    expect(out[0]).toEqual({ label: 'pixels', data: new Uint8Array([1, 2, 3]) });
  });

  test('a typed array in the transfer list moves its whole buffer', async () => {
    const Mover = mover(
      () => new Float32Array([0.5, 1.5]),
      (m) => [m],
      (m) => m.length,
    );
    const { out, after } = await runComponent(Mover);
    expect(after).toEqual([0]);
    expect(out[0]).toEqual(new Float32Array([0.5, 1.5]));
  });

  test('every fan-out target receives the same moved message', async () => {
    const Mover = mover(
      () => new Uint8Array([4, 5]),
      (m) => [m.buffer],
      () => 'sent',
    );
    const g = graph();
    const got: unknown[] = [];
    const mv = g.add('mover', Mover);
    g.link(mv.outbox('out'), g.add('a', collector(got)).inbox('in'));
    g.link(mv.outbox('out'), g.add('b', collector(got)).inbox('in'));
    g.link(mv.outbox('after'), g.add('c', collector([])).inbox('in'));
    await g.run();
    expect(got).toHaveLength(2);
    expect(got[0]).toBe(got[1]);
    expect(got[0]).toEqual(new Uint8Array([4, 5]));
  });

  test('a view on part of a larger buffer (e.g. a pooled Buffer) is refused, with the fix', async () => {
    const Mover = mover(
      () => new Uint8Array(new ArrayBuffer(16), 4, 4),
      (m) => [m],
      () => 0,
    );
    await expect(runComponent(Mover)).rejects.toThrow(
      "cannot transfer with the message on outbox 'out': the Uint8Array covers only part of its ArrayBuffer (a pooled Node Buffer, or a subarray), and transferring would detach the rest too. Copy it first (new Uint8Array(view)), or send it without transfer.",
    );
  });

  test('a buffer that was already transferred is refused', async () => {
    const Twice = defineComponent({
      name: 'Twice',
      description: 'Transfers the same buffer twice.',
      outboxes: { out: box(z.any(), 'Buffers.') },
      async body({ outbox }) {
        const buffer = new ArrayBuffer(8);
        await outbox.out.send(buffer, { transfer: [buffer] });
        await outbox.out.send(buffer, { transfer: [buffer] });
      },
    });
    await expect(runComponent(Twice)).rejects.toThrow(
      'an ArrayBuffer in the transfer list is already detached: it was transferred before.',
    );
  });

  test('trySend does not detach anything when it could not send', async () => {
    let left = -1;
    let tried: boolean | undefined;
    const Try = defineComponent({
      name: 'Try',
      description: 'Tries to transfer into a full link.',
      outboxes: { out: box(z.any(), 'Buffers.') },
      async body({ outbox }) {
        outbox.out.trySend(1);
        const bytes = new Uint8Array(4);
        tried = outbox.out.trySend(bytes, { transfer: [bytes.buffer] });
        left = bytes.byteLength;
      },
    });
    const g = graph();
    g.link(g.add('try', Try).outbox('out'), g.add('sink', collector([])).inbox('in'), {
      capacity: 1,
    });
    await g.run();
    expect(tried).toBe(false);
    expect(left).toBe(4);
  });
});
