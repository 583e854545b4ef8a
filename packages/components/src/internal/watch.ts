/**
 * Watching other components through `ctx.events` (Catch, Status): which ones to watch, and
 * when to stop — once every watched component has finished, so a graph with a Catch still
 * completes. Components downstream of the watcher (the ConsoleEcho it sends to) wait for it,
 * and other watchers would wait for each other, so neither counts.
 */
import type { ComponentInfo, GraphEventSource, GraphEvents } from '@plexus/core';
import { Errors, type Who } from '../errors.ts';

const WATCHERS = new Set(['Catch', 'Status']);

export interface Watch {
  /** Whether the events of this component are reported. */
  watches(info: ComponentInfo): boolean;
  /** Resolves once every watched component has finished (or the signal aborts). */
  readonly done: Promise<void>;
  /** Stop listening. */
  close(): void;
}

/**
 * Start watching `names` (every component but watchers, if empty) except `self`;
 * `listeners` are added to the events and removed by `close`. Off the main thread the events
 * are those of the watcher's own worker or process: a name not among its components there
 * could never be seen to finish, so it fails at once (`ERR_OUT_OF_SIGHT`) instead of waiting.
 */
export function watch(
  events: GraphEventSource,
  who: Who & { readonly name: string },
  names: readonly string[],
  signal: AbortSignal,
  listeners: { [E in keyof GraphEvents]?: (...args: GraphEvents[E]) => void },
): Watch {
  /** Downstream of the watcher, known until a link is added or removed. */
  let after: Set<string> | undefined;
  const forget = () => {
    after = undefined;
  };
  const below = () => {
    after ??= downstream(events, self);
    return after;
  };
  const watches = (info: ComponentInfo) =>
    info.name !== self &&
    (names.length === 0 ? !WATCHERS.has(info.type) : names.some((n) => info.name === n)) &&
    !below().has(info.name);
  const self = who.name;
  checkInSight(events, who, names);
  const live = new Set<string>();
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const check = () => {
    for (const name of live) if (!below().has(name)) return;
    finish();
  };
  const onStart = (info: ComponentInfo) => {
    if (watches(info)) live.add(info.name);
  };
  const onEnd = (info: ComponentInfo) => {
    live.delete(info.name);
    // After this turn: a failure is announced with (or after) the end of its component.
    queueMicrotask(check);
  };
  const all: [keyof GraphEvents, (...args: never[]) => void][] = [
    ['component:start', onStart],
    ['component:end', onEnd],
    ['component:fail', onEnd as never],
    ['link:add', forget],
    ['link:remove', forget],
    ...(Object.entries(listeners) as [keyof GraphEvents, (...args: never[]) => void][]),
  ];
  for (const [event, listener] of all) events.on(event, listener as never);
  for (const info of events.stats().components)
    if (watches(info) && (info.state === 'running' || info.state === 'idle')) live.add(info.name);
  for (const name of names) if (name !== self && !live.has(name)) live.add(name);
  const onAbort = () => finish();
  signal.addEventListener('abort', onAbort, { once: true });
  queueMicrotask(check);
  return {
    watches,
    done,
    close() {
      signal.removeEventListener('abort', onAbort);
      for (const [event, listener] of all) events.off(event, listener as never);
    },
  };
}

/** Off the main thread, every name watched must be a component of the watcher's own unit. */
function checkInSight(
  events: GraphEventSource,
  who: Who & { readonly name: string },
  names: readonly string[],
): void {
  const here = events.stats().components;
  const me = here.find((c) => c.name === who.name);
  if (me === undefined || me.backend === 'inline') return;
  const unseen = names.filter((n) => n !== who.name && !here.some((c) => c.name === n));
  if (unseen.length === 0) return;
  const place =
    me.backend === 'worker'
      ? 'a worker thread'
      : me.backend === 'process'
        ? 'a child process'
        : `backend '${me.backend}'`;
  throw Errors.outOfSight(who, place, unseen);
}

/** The names of the components `self`'s outboxes lead to, directly or not. */
function downstream(events: GraphEventSource, self: string): Set<string> {
  const next = new Map<string, string[]>();
  const node = (ref: string) => ref.slice(0, ref.lastIndexOf('.'));
  for (const link of events.stats().links) {
    const from = node(link.from);
    next.set(from, [...(next.get(from) ?? []), node(link.to)]);
  }
  const seen = new Set<string>();
  const todo = [self];
  while (todo.length > 0)
    for (const to of next.get(todo.pop()!) ?? [])
      if (!seen.has(to)) {
        seen.add(to);
        todo.push(to);
      }
  return seen;
}
