/**
 * A deterministic access log: one JSON object per line, in time order, from a seeded random
 * number generator. Requests arrive at a varying rate; a health check comes every 10 seconds;
 * for two minutes an incident makes the API slow and failing; and two lines are cut short, as
 * happens when a process dies mid-write.
 */

/** One request, as the log records it. */
export interface AccessLogEntry {
  readonly time: string;
  readonly level: 'info' | 'warn' | 'error';
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly ms: number;
}

/** Mulberry32: a small, fast, seeded generator of floats in [0, 1). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Routes, how often each is asked for, and their typical time in ms. */
const ROUTES = [
  { method: 'GET', path: '/', weight: 20, ms: 8 },
  { method: 'GET', path: '/static/app.js', weight: 15, ms: 3 },
  { method: 'GET', path: '/api/orders', weight: 25, ms: 40 },
  { method: 'POST', path: '/api/orders', weight: 8, ms: 90 },
  { method: 'GET', path: '/api/search', weight: 20, ms: 120 },
  { method: 'GET', path: '/api/users/me', weight: 12, ms: 15 },
] as const;

/** Options of {@link accessLog}. */
export interface AccessLogOptions {
  /** How many minutes of log. Default 10. */
  readonly minutes?: number;
  /** The first minute. Default 2024-05-01T09:00Z. */
  readonly start?: Date;
  /** The seed. Default 1. */
  readonly seed?: number;
}

/** The log's lines (without newlines), in time order. */
export function accessLog({
  minutes = 10,
  start = new Date('2024-05-01T09:00:00Z'),
  seed = 1,
}: AccessLogOptions = {}): string[] {
  const next = random(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const totalWeight = ROUTES.reduce((sum, route) => sum + route.weight, 0);
  const pick = () => {
    let u = next() * totalWeight;
    for (const route of ROUTES) {
      u -= route.weight;
      if (u < 0) return route;
    }
    return ROUTES[ROUTES.length - 1]!;
  };
  const t0 = start.getTime();
  const end = t0 + minutes * 60_000;
  // The incident: the 7th and 8th minutes.
  const incident = (t: number) => t >= t0 + 6 * 60_000 && t < t0 + 8 * 60_000;
  const events: { t: number; entry: AccessLogEntry }[] = [];
  const entry = (t: number, method: string, path: string, status: number, ms: number) => ({
    t,
    entry: {
      time: new Date(t).toISOString(),
      level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
      method,
      path,
      status,
      ms,
    } as const,
  });
  for (let t = t0; t < end; t += 10_000) events.push(entry(t, 'GET', '/health', 200, 1));
  for (let t = t0; ; ) {
    // The rate swings between about 40 and 100 requests a minute over the run.
    const perMinute = 70 + 30 * Math.sin(((t - t0) / 60_000) * 0.9);
    t += Math.round((-Math.log(1 - next()) * 60_000) / perMinute);
    if (t >= end) break;
    const route = pick();
    const api = route.path.startsWith('/api/');
    const slow = api && incident(t) ? 6 : 1;
    const ms = Math.max(1, Math.round(route.ms * slow * Math.exp(0.5 * normal())));
    const failed = api && next() < (incident(t) ? 0.3 : 0.01);
    const missing = !failed && route.method === 'GET' && next() < 0.03;
    events.push(entry(t, route.method, route.path, failed ? 503 : missing ? 404 : 200, ms));
  }
  events.sort((a, b) => a.t - b.t);
  const lines = events.map(({ entry }) => JSON.stringify(entry));
  // Two lines cut short, as when a writer dies mid-line.
  for (const at of [Math.floor(lines.length / 3), Math.floor((2 * lines.length) / 3)]) {
    lines[at] = lines[at]!.slice(0, 40);
  }
  return lines;
}
