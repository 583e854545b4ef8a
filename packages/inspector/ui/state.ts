/**
 * The page's state, built from the stream's events: what the run last said (layout, tick,
 * log, failures, end), the connection, and the open tap.
 */
import type { TapSample } from '@plexus/core';
import type { End, Failure, Hello, Layout, LogEntry, TapEvent, Tick } from '../src/protocol.ts';

/** Log lines the page keeps. */
const LOG_SHOWN = 100;

export interface TapState {
  readonly edge: string;
  readonly label: string;
  readonly paused: boolean;
  readonly samples: readonly TapSample[];
  readonly error?: string;
}

export interface State {
  readonly connection: 'connecting' | 'open' | 'lost' | 'closed';
  readonly hello?: Hello;
  readonly layout?: Layout;
  readonly tick?: Tick;
  readonly log: readonly LogEntry[];
  readonly failures: readonly Failure[];
  readonly end?: End;
  readonly tap?: TapState;
}

export type Action =
  | { type: 'connection'; connection: State['connection'] }
  | { type: 'hello'; hello: Hello }
  | { type: 'layout'; layout: Layout }
  | { type: 'tick'; tick: Tick }
  | { type: 'log'; entry: LogEntry }
  | { type: 'failure'; failure: Failure }
  | { type: 'end'; end: End }
  | { type: 'tap'; event: TapEvent }
  | { type: 'tap-open'; edge: string; label: string }
  | { type: 'tap-samples'; edge: string; samples: readonly TapSample[] }
  | { type: 'tap-error'; edge: string; error: string }
  | { type: 'tap-pause'; paused: boolean }
  | { type: 'tap-close' };

export const initial: State = { connection: 'connecting', log: [], failures: [] };

export function reduce(state: State, action: Action): State {
  switch (action.type) {
    case 'connection':
      // Once the run has ended the stream closing is expected, not a loss.
      return {
        ...state,
        connection:
          action.connection === 'lost' && state.end !== undefined ? 'closed' : action.connection,
      };
    case 'hello':
      // A new stream (after a reconnect) starts over: it sends the log and failures again.
      return { ...state, hello: action.hello, connection: 'open', log: [], failures: [] };
    case 'layout':
      return { ...state, layout: action.layout };
    case 'tick':
      return { ...state, tick: action.tick };
    case 'log':
      return { ...state, log: [...state.log, action.entry].slice(-LOG_SHOWN) };
    case 'failure':
      return { ...state, failures: [...state.failures, action.failure] };
    case 'end':
      return { ...state, end: action.end };
    case 'tap':
      if (state.tap?.edge !== action.event.edge || state.tap.paused) return state;
      return {
        ...state,
        tap: { ...state.tap, samples: merge(state.tap.samples, action.event.samples, state) },
      };
    case 'tap-open':
      return {
        ...state,
        tap: { edge: action.edge, label: action.label, paused: false, samples: [] },
      };
    case 'tap-samples':
      if (state.tap?.edge !== action.edge) return state;
      return {
        ...state,
        tap: { ...state.tap, samples: merge(state.tap.samples, action.samples, state) },
      };
    case 'tap-error':
      if (state.tap?.edge !== action.edge) return state;
      return { ...state, tap: { ...state.tap, error: action.error } };
    case 'tap-pause':
      return state.tap === undefined
        ? state
        : { ...state, tap: { ...state.tap, paused: action.paused } };
    case 'tap-close': {
      const { tap: _closed, ...rest } = state;
      return rest;
    }
  }
}

/** Samples in the order they were seen, each once, the last `last` of them. */
function merge(
  shown: readonly TapSample[],
  more: readonly TapSample[],
  state: State,
): readonly TapSample[] {
  const seen = new Set(shown.map((s) => `${s.link}:${s.seq}`));
  const all = [...shown, ...more.filter((s) => !seen.has(`${s.link}:${s.seq}`))];
  all.sort((a, b) => a.at - b.at);
  return all.slice(-(state.hello?.tap.last ?? 20));
}
