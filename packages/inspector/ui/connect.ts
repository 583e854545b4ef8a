/**
 * The page's line to the server: a Server-Sent Events stream (EventSource reconnects by
 * itself) turned into actions, and tap requests. The token travels in the address, as the
 * page's own did.
 */
import type { TapSample } from '@plexus/core';
import type { Action } from './state.ts';

const EVENTS = ['hello', 'layout', 'tick', 'log', 'failure', 'end', 'tap'] as const;

/** Open the stream; returns the function that closes it. */
export function connect(token: string, dispatch: (action: Action) => void): () => void {
  const source = new EventSource(`events?token=${encodeURIComponent(token)}`);
  let ended = false;
  const on = (event: (typeof EVENTS)[number], data: unknown): Action => {
    switch (event) {
      case 'hello':
        return { type: 'hello', hello: data as never };
      case 'layout':
        return { type: 'layout', layout: data as never };
      case 'tick':
        return { type: 'tick', tick: data as never };
      case 'log':
        return { type: 'log', entry: data as never };
      case 'failure':
        return { type: 'failure', failure: data as never };
      case 'end':
        ended = true;
        return { type: 'end', end: data as never };
      case 'tap':
        return { type: 'tap', event: data as never };
    }
  };
  for (const event of EVENTS) {
    source.addEventListener(event, (message) =>
      dispatch(on(event, JSON.parse((message as MessageEvent<string>).data))),
    );
  }
  source.onerror = () => {
    // After the end the server closes the stream: no point reconnecting.
    if (ended) source.close();
    dispatch({ type: 'connection', connection: ended ? 'closed' : 'lost' });
  };
  return () => source.close();
}

/** Open (`on`) or close a tap; resolves with the samples kept so far, or why not. */
export async function requestTap(
  token: string,
  client: string,
  edge: string,
  on: boolean,
): Promise<readonly TapSample[] | string> {
  try {
    const response = await fetch(`tap?token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client, edge, on }),
    });
    if (!response.ok) return (await response.text()).trim();
    return ((await response.json()) as TapSample[] | null) ?? [];
  } catch (error) {
    return `The tap could not be asked for: ${(error as Error).message}`;
  }
}
