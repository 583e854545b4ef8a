import { describe, expect, test } from '@jest/globals';
import type { TapSample } from '../../src/inspect.ts';
import { Link, type LinkTarget } from '../../src/internal/Link.ts';
import type { LinkSource } from '../../src/internal/Sink.ts';
import { tapLink } from '../../src/internal/tap/tapLink.ts';

/** A link from 'a.out' to 'b.in' whose ends do nothing. */
function bareLink(capacity = 4): Link {
  const source = { name: 'out', owner: { name: 'a', linkBroken() {} } } as unknown as LinkSource;
  const target = {
    name: 'in',
    owner: { name: 'b' },
    arrived() {},
    feedClosed() {},
  } as unknown as LinkTarget;
  return new Link(7, source, target, capacity);
}

/** Let a tap's clock allow its next sample (its shortest period is 10 ms). */
const nextPeriod = () => new Promise((resolve) => setTimeout(resolve, 15));

describe('a tap on a link', () => {
  test('samples a message with the count of messages sent so far, as text', async () => {
    const link = bareLink();
    const samples: TapSample[] = [];
    tapLink(link, { every: 10 }, (sample) => samples.push(sample));
    link.push({ n: 0 });
    link.push({ n: 1 });
    await nextPeriod();
    link.push({ n: 2 });
    expect(samples.map((s) => [s.link, s.seq, s.text])).toEqual([
      [7, 1, '{"n": 0}'],
      [7, 3, '{"n": 2}'],
    ]);
  });

  test('does not sample a message the link drops because its receiver has gone', async () => {
    const link = bareLink();
    const samples: TapSample[] = [];
    tapLink(link, { every: 10 }, (sample) => samples.push(sample));
    link.push('kept');
    link.break();
    await nextPeriod();
    link.push('dropped');
    expect(link.dropped).toBe(2);
    expect(samples.map((s) => s.text)).toEqual(['"kept"']);
  });

  test('once removed, leaves the link as it was', () => {
    const link = bareLink();
    const samples: TapSample[] = [];
    const stop = tapLink(link, { every: 10 }, (sample) => samples.push(sample));
    stop();
    link.push('unseen');
    expect(samples).toEqual([]);
    expect(Object.hasOwn(link, 'push')).toBe(false);
  });
});
