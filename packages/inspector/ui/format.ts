/** How numbers, times and component states read on the page. */
import type { ComponentInfo } from '@plexus/core';

/** 1234 → `1.2k`, 2500000 → `2.5M`. */
export function short(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 1e6) return `${(n / 1e3).toFixed(n < 1e4 ? 1 : 0)}k`;
  return `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)}M`;
}

/** 1234567 → `1,234,567`. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** A time of day with milliseconds: `14:03:07.125`. */
export function clock(at: number): string {
  const d = new Date(at);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** What a component is doing, as one word for styling. */
export type Look =
  | 'idle'
  | 'running'
  | 'waiting'
  | 'blocked'
  | 'restarting'
  | 'ended'
  | 'stopped'
  | 'failed';

export function lookOf(info: ComponentInfo | undefined): Look {
  if (info === undefined) return 'idle';
  if (info.state === 'running') {
    if (info.restarting === true) return 'restarting';
    if (info.waiting?.startsWith('outbox') === true) return 'blocked';
    if (info.waiting !== undefined) return 'waiting';
    return 'running';
  }
  return info.state;
}

/** What a component is doing, as a phrase. */
export function stateText(info: ComponentInfo | undefined): string {
  if (info === undefined) return 'not started';
  const look = lookOf(info);
  if (look === 'restarting') return 'restarting';
  if (look === 'waiting' || look === 'blocked') return `waiting on ${info.waiting}`;
  if (info.reason !== undefined && info.state !== 'running')
    return `${info.state} (${info.reason})`;
  return info.state;
}
