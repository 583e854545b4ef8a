/** The pool of spare hosts both the worker and the process backends keep. */
import { describe, expect, test } from '@jest/globals';
import { type SpareHost, SparePool } from '@plexus/host';

interface Fake extends SpareHost {
  readonly settings: string;
  readonly n: number;
  ended: boolean;
  held: boolean;
  dead: boolean;
  fits: boolean;
}

function pool(options: { max?: number; idleMs?: number } = {}) {
  const made: Fake[] = [];
  const spares = new SparePool<{ file: string }, Fake>({
    start: ({ file }) => {
      const host: Fake = {
        settings: file,
        n: made.length,
        ended: false,
        held: true,
        dead: false,
        fits: true,
        gone: () => host.dead || host.ended,
        hold: (on) => {
          host.held = on;
        },
        end: () => {
          host.ended = true;
        },
      };
      made.push(host);
      return host;
    },
    ready: async () => {},
    fits: (host) => host.fits,
    ...options,
  });
  return { spares, made };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('SparePool', () => {
  test('a spare starts on the next turn, let go, and is taken once, held again, by the same settings', async () => {
    const { spares, made } = pool();
    spares.startLater({ file: 'a' });
    expect(spares.take({ file: 'a' })).toBeUndefined();
    await turn();
    expect(made).toHaveLength(1);
    expect(made[0]!.held).toBe(false);
    expect(spares.take({ file: 'b' })).toBeUndefined();
    const taken = spares.take({ file: 'a' });
    expect(taken).toBe(made[0]);
    expect(taken!.held).toBe(true);
    expect(spares.take({ file: 'a' })).toBeUndefined();
  });

  test('one that died or no longer fits is ended, not taken', async () => {
    const { spares, made } = pool();
    spares.startLater({ file: 'a' });
    spares.startLater({ file: 'a' });
    await turn();
    made[0]!.fits = false;
    made[1]!.dead = true;
    expect(spares.take({ file: 'a' })).toBeUndefined();
    expect(made[0]!.ended).toBe(true);
    await expect(spares.ready()).resolves.toBe(0);
  });

  test('at most `max` wait; one left unused is ended after `idleMs`', async () => {
    const { spares, made } = pool({ max: 2, idleMs: 20 });
    for (const file of ['a', 'b', 'c']) spares.startLater({ file });
    await expect(spares.ready()).resolves.toBe(2);
    expect(made.map((host) => host.settings)).toEqual(['a', 'b']);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(made.every((host) => host.ended)).toBe(true);
    expect(spares.take({ file: 'a' })).toBeUndefined();
  });
});
