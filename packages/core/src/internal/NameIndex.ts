/**
 * The children of a scope by name: a `ReadonlyMap` of names that keeps each name's hash in a
 * flat table beside the name's position, so asking whether a new name is taken reads one slot
 * of a typed array instead of walking a `Map`'s chain through key strings scattered over the
 * heap. Adding the millionth component to a scope is then about as cheap as adding the first.
 */

/** Slots of the table per entry, at least (a table half full or less keeps probes short). */
const SPREAD = 2;

/**
 * Names to values in the order added, like a `Map<string, T>`: `has`, `get`, `set`, `delete`
 * and iteration. Each name's 32-bit hash lives in a flat `Int32Array` of `[hash, position]`
 * pairs (open addressing), so a lookup compares hashes first and reads a name only when its hash
 * matches; names and values sit in two arrays in the order added.
 *
 * @example
 * const index = new NameIndex<number>();
 * index.set('n0', 0);
 * index.has('n0'); // true
 * [...index.keys()]; // ['n0']
 */
export class NameIndex<T> implements ReadonlyMap<string, T> {
  /** `[hash, position + 1]` pairs; a position of 0 is an empty slot, -1 a deleted one. */
  private table = new Int32Array(16 * 2);
  private mask = 15;
  /** Names and values in the order added; a deleted entry leaves a hole (undefined name). */
  private names: (string | undefined)[] = [];
  private values_: (T | undefined)[] = [];
  /** Each position's hash, to rebuild the table without hashing every name again. */
  private hashes = new Int32Array(16);
  /** Slots holding an entry or a deleted mark (both lengthen probes). */
  private used = 0;
  /** Counts compactions, which move positions: an iteration under way finds its place again. */
  private epoch = 0;
  size = 0;

  has(name: string): boolean {
    return this.find(name, hashOf(name)) >= 0;
  }

  get(name: string): T | undefined {
    const slot = this.find(name, hashOf(name));
    return slot < 0 ? undefined : this.values_[this.table[2 * slot + 1]! - 1];
  }

  set(name: string, value: T): this {
    const hash = hashOf(name);
    let slot = this.find(name, hash);
    if (slot >= 0) {
      this.values_[this.table[2 * slot + 1]! - 1] = value;
      return this;
    }
    const at = this.names.length;
    this.names.push(name);
    this.values_.push(value);
    if (at === this.hashes.length) {
      const hashes = new Int32Array(at * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.hashes[at] = hash;
    slot = ~slot;
    this.table[2 * slot] = hash;
    this.table[2 * slot + 1] = at + 1;
    this.size++;
    if (++this.used * SPREAD > this.mask + 1) this.rebuild();
    return this;
  }

  delete(name: string): boolean {
    const slot = this.find(name, hashOf(name));
    if (slot < 0) return false;
    const at = this.table[2 * slot + 1]! - 1;
    this.table[2 * slot + 1] = -1;
    this.names[at] = undefined;
    this.values_[at] = undefined;
    this.size--;
    // Mostly holes: compact the arrays (and the table, rebuilt from them).
    if (this.size * 2 < this.names.length && this.names.length > 16) this.rebuild();
    return true;
  }

  clear(): void {
    this.table = new Int32Array(16 * 2);
    this.mask = 15;
    this.names = [];
    this.values_ = [];
    this.hashes = new Int32Array(16);
    this.used = 0;
    this.size = 0;
  }

  *keys(): MapIterator<string> {
    for (const at of this.positions()) yield this.names[at]!;
  }

  *values(): MapIterator<T> {
    for (const at of this.positions()) yield this.values_[at] as T;
  }

  *entries(): MapIterator<[string, T]> {
    for (const at of this.positions()) yield [this.names[at]!, this.values_[at] as T];
  }

  [Symbol.iterator](): MapIterator<[string, T]> {
    return this.entries();
  }

  forEach(callback: (value: T, name: string, map: ReadonlyMap<string, T>) => void): void {
    for (const [name, value] of this.entries()) callback(value, name, this);
  }

  /** Call `visit` with every value in the order added (no iterator: a scope of a million is walked at `run()`). */
  each(visit: (value: T) => void): void {
    const names = this.names;
    const values = this.values_;
    for (let at = 0; at < names.length; at++) if (names[at] !== undefined) visit(values[at] as T);
  }

  /**
   * The positions of the entries, in the order added, live as a `Map`'s iteration is: entries
   * added meanwhile are visited, deleted ones are not. After a compaction it goes on after the
   * entry it gave last (or, if that was deleted, after as many entries as it has given).
   */
  private *positions(): Generator<number, undefined, undefined> {
    let epoch = this.epoch;
    let at = 0;
    let given = 0;
    let last: string | undefined;
    for (;;) {
      if (epoch !== this.epoch) {
        epoch = this.epoch;
        const slot = last === undefined ? -1 : this.find(last, hashOf(last));
        at = slot >= 0 ? this.table[2 * slot + 1]! : Math.min(given, this.names.length);
      }
      if (at >= this.names.length) return;
      const name = this.names[at];
      if (name !== undefined) {
        last = name;
        given++;
        yield at;
      }
      at++;
    }
  }

  /** The slot holding `name`, or `~slot` of the empty slot where it would go. */
  private find(name: string, hash: number): number {
    const table = this.table;
    const mask = this.mask;
    let slot = hash & mask;
    for (;;) {
      const at = table[2 * slot + 1]!;
      if (at === 0) return ~slot;
      if (at > 0 && table[2 * slot] === hash && this.names[at - 1] === name) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** Make a table sized for the entries, from the hashes kept; first drop the holes if there are any. */
  private rebuild(): void {
    if (this.size !== this.names.length) this.compact();
    let slots = 16;
    while (slots < (this.size + 1) * SPREAD) slots *= 2;
    const table = new Int32Array(slots * 2);
    const mask = slots - 1;
    const hashes = this.hashes;
    for (let at = 0; at < this.size; at++) {
      const hash = hashes[at]!;
      let slot = hash & mask;
      while (table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = hash;
      table[2 * slot + 1] = at + 1;
    }
    this.table = table;
    this.mask = mask;
    this.used = this.size;
  }

  /** Drop the holes deleted entries left in the arrays (positions move: see {@link positions}). */
  private compact(): void {
    const names: (string | undefined)[] = [];
    const values: (T | undefined)[] = [];
    let room = 16;
    while (room < this.size * 2) room *= 2;
    const hashes = new Int32Array(room);
    for (let at = 0; at < this.names.length; at++) {
      if (this.names[at] === undefined) continue;
      hashes[names.length] = this.hashes[at]!;
      names.push(this.names[at]);
      values.push(this.values_[at]);
    }
    this.names = names;
    this.values_ = values;
    this.hashes = hashes;
    this.epoch++;
  }

  get [Symbol.toStringTag](): string {
    return 'NameIndex';
  }
}

/** FNV-1a over the name's UTF-16 code units, its low bits mixed (they pick the slot), as a 32-bit integer. */
function hashOf(name: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  return Math.imul(hash, 0x45d9f3b) ^ (hash >>> 13);
}
