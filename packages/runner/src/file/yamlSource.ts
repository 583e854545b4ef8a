/**
 * A graph file's text read as YAML (JSON is YAML too) by js-yaml's event parser: the content,
 * and where any value or key of it starts, found from the parser's events only when a
 * diagnostic needs a place. The events are not kept: a 50 MB file holds half a million of
 * them, so they are parsed again on the first question (which only a bad file asks).
 */
import { constructFromEvents, EVENT_ID, type Event, getScalarValue, parseEvents } from 'js-yaml';
import type { ScalarSource } from './scalarOffset.ts';

type Path = readonly (string | number)[];

/** Aliases a file may use (`*name`): more is an alias bomb, not a graph. */
const MAX_ALIASES = 100;
/** Mappings searched by key this often get an index of their keys. */
const INDEX_AFTER = 2;

/** Where a node starts, and whether it is a quoted string (its text starts one further in). */
export interface Place {
  readonly offset: number;
  readonly quoted: boolean;
  /** The node's source, when it is a scalar. */
  readonly scalar?: ScalarSource;
}

const STYLES = { 1: 'plain', 2: 'single', 3: 'double', 4: 'block', 5: 'block' } as const;

/**
 * Parse `text` into its content. Throws js-yaml's YAMLException (with `reason` and `mark`)
 * when it is not YAML, holds more than one document, or uses more than 100 aliases.
 */
export function readYaml(text: string): unknown {
  const events = parseEvents(text, {});
  const documents = constructFromEvents(events, { source: text, maxAliases: MAX_ALIASES });
  if (documents.length > 1) {
    const second = events.findIndex((e, i) => i > 0 && e.type === EVENT_ID.DOCUMENT);
    const at = second < 0 ? 0 : startOf(events[second + 1]);
    throw Object.assign(new Error('a graph file holds one document, and this one holds more'), {
      reason: 'a graph file holds one document, and this one holds more',
      mark: { position: Math.max(0, at) },
    });
  }
  return documents[0] ?? null;
}

/** Finds where the nodes of a YAML text start, by path, from the parser's events. */
export class YamlLocator {
  private events: Event[] | undefined;
  /** For each collection event, the index just past its closing event. */
  private ends: Int32Array | undefined;
  private readonly searched = new Map<number, number>();
  private readonly indexes = new Map<number, Map<string, number>>();

  constructor(private readonly text: string) {}

  /**
   * The node at `path` (its key, if `key`), or the nearest node above it that exists. A key
   * whose value is empty points at the key.
   */
  locate(path: Path, key: boolean): Place {
    const events = this.load();
    let at = events[0]?.type === EVENT_ID.DOCUMENT ? 1 : 0;
    if (at >= events.length) return { offset: 0, quoted: false };
    let keyAt: number | undefined;
    for (const step of path) {
      const event = events[at]!;
      if (event.type === EVENT_ID.MAPPING) {
        const found = this.keyIn(at, String(step));
        if (found === undefined) return this.place(at);
        keyAt = found;
        at = this.end(found);
        if (this.place(at).offset < 0) return this.place(keyAt);
      } else if (event.type === EVENT_ID.SEQUENCE && typeof step === 'number') {
        let item = at + 1;
        for (let i = 0; i < step && events[item]!.type !== EVENT_ID.POP; i++) item = this.end(item);
        if (events[item]!.type === EVENT_ID.POP) return this.place(at);
        keyAt = undefined;
        at = item;
      } else {
        return this.place(at);
      }
    }
    return this.place(key && keyAt !== undefined ? keyAt : at);
  }

  private load(): Event[] {
    if (this.events !== undefined) return this.events;
    const events = parseEvents(this.text, {});
    const ends = new Int32Array(events.length);
    const open: number[] = [];
    for (let i = 0; i < events.length; i++) {
      const type = events[i]!.type;
      if (type === EVENT_ID.MAPPING || type === EVENT_ID.SEQUENCE || type === EVENT_ID.DOCUMENT)
        open.push(i);
      else if (type === EVENT_ID.POP) ends[open.pop()!] = i + 1;
    }
    this.events = events;
    this.ends = ends;
    return events;
  }

  /** The index just past the node starting at `at`. */
  private end(at: number): number {
    const type = this.events![at]!.type;
    return type === EVENT_ID.MAPPING || type === EVENT_ID.SEQUENCE ? this.ends![at]! : at + 1;
  }

  /** The key event named `name` in the mapping starting at `at`. */
  private keyIn(at: number, name: string): number | undefined {
    const index = this.indexes.get(at);
    if (index !== undefined) return index.get(name);
    const events = this.events!;
    const times = (this.searched.get(at) ?? 0) + 1;
    this.searched.set(at, times);
    const build = times >= INDEX_AFTER ? new Map<string, number>() : undefined;
    let found: number | undefined;
    for (let k = at + 1; events[k]!.type !== EVENT_ID.POP; k = this.end(this.end(k))) {
      const event = events[k]!;
      if (event.type !== EVENT_ID.SCALAR) continue;
      const text = getScalarValue(this.text, event);
      if (build !== undefined) {
        if (!build.has(text)) build.set(text, k);
      } else if (text === name) return k;
    }
    if (build !== undefined) {
      this.indexes.set(at, build);
      found = build.get(name);
    }
    return found;
  }

  private place(at: number): Place {
    const event = this.events![at];
    if (event === undefined) return { offset: 0, quoted: false };
    if (event.type === EVENT_ID.SCALAR) {
      const quoted = event.style === 2 || event.style === 3;
      if (event.valueStart < 0) return { offset: -1, quoted };
      const scalar = { style: STYLES[event.style], start: event.valueStart, end: event.valueEnd };
      return { offset: quoted ? event.valueStart - 1 : event.valueStart, quoted, scalar };
    }
    return { offset: Math.max(0, startOf(event)), quoted: false };
  }
}

function startOf(event: Event | undefined): number {
  if (event === undefined) return 0;
  if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) return event.start;
  if (event.type === EVENT_ID.SCALAR) return event.valueStart;
  if (event.type === EVENT_ID.ALIAS) return event.anchorStart - 1;
  return 0;
}
