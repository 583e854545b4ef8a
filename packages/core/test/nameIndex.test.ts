import { describe, expect, test } from '@jest/globals';
import { NameIndex } from '../src/internal/NameIndex.ts';

/** An index and a `Map` given the same operations, to compare. */
function pair() {
  return { index: new NameIndex<number>(), map: new Map<string, number>() };
}

describe("a scope's index of names behaves as a Map of names", () => {
  test('it finds what was set, not what was not, and keeps the order names were added', () => {
    const index = new NameIndex<number>();
    for (let i = 0; i < 1000; i++) index.set(`n${i}`, i);
    expect(index.size).toBe(1000);
    expect(index.has('n999')).toBe(true);
    expect(index.get('n500')).toBe(500);
    expect(index.has('n1000')).toBe(false);
    expect(index.get('n')).toBeUndefined();
    expect([...index.keys()].slice(0, 3)).toEqual(['n0', 'n1', 'n2']);
    expect([...index.values()].at(-1)).toBe(999);
  });

  test('setting a name again replaces its value and keeps its place', () => {
    const index = new NameIndex<number>();
    index.set('a', 1).set('b', 2).set('a', 3);
    expect([...index]).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
    expect(index.size).toBe(2);
  });

  test('after adds and deletes in any mix, it holds what a Map holds, in the same order', () => {
    const { index, map } = pair();
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const deleted: [boolean, boolean][] = [];
    for (let step = 0; step < 20_000; step++) {
      const name = `c${Math.floor(random() * 3000)}`;
      if (random() < 0.4) deleted.push([index.delete(name), map.delete(name)]);
      else {
        index.set(name, step);
        map.set(name, step);
      }
    }
    expect(deleted.filter(([a, b]) => a !== b)).toEqual([]);
    expect(index.size).toBe(map.size);
    expect([...index.entries()]).toEqual([...map.entries()]);
    for (let i = 0; i < 3000; i++) expect(index.get(`c${i}`)).toBe(map.get(`c${i}`));
  });

  test('an iteration under way sees names added meanwhile and not names deleted, even across a compaction', () => {
    const { index, map } = pair();
    for (let i = 0; i < 100; i++) {
      index.set(`n${i}`, i);
      map.set(`n${i}`, i);
    }
    const seen: string[] = [];
    const expected: string[] = [];
    const walk = (target: Map<string, number> | NameIndex<number>, into: string[]) => {
      let step = 0;
      for (const name of target.keys()) {
        into.push(name);
        if (step === 10) for (let i = 20; i < 90; i++) target.delete(`n${i}`);
        if (step === 12) target.set('late', -1);
        step++;
      }
    };
    walk(index, seen);
    walk(map, expected);
    expect(seen).toEqual(expected);
  });

  test('names that differ in any character, or only in length, are different names', () => {
    const index = new NameIndex<string>();
    const names = ['a', 'a_', 'a-', 'A', '_a', 'aa', 'aaa', 'é', 'x'.repeat(200), 'x'.repeat(201)];
    for (const name of names) index.set(name, name);
    for (const name of names) expect(index.get(name)).toBe(name);
    expect(index.size).toBe(names.length);
  });

  test('clear empties it', () => {
    const index = new NameIndex<number>();
    index.set('a', 1);
    index.clear();
    expect(index.size).toBe(0);
    expect(index.has('a')).toBe(false);
    expect([...index]).toEqual([]);
  });
});
