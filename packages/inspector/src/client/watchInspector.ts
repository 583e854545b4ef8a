/**
 * Attach to an inspector from Node, read-only: the events of its stream, one by one, as an
 * async iterable — what `plexus inspect <url>` and the `Introspector` component read.
 */
import { createParser } from 'eventsource-parser';
import { Errors } from '../errors.ts';

/**
 * One event of an inspector's stream: its name (`tick`, `layout`…) and its JSON data.
 *
 * What {@link watchInspector} yields; the data of each name has the shape of the interface of
 * that name in `@plexus/inspector` (`Tick`, `Layout`, `End`…).
 *
 * @example
 * ```ts
 * import { type InspectorEvent, watchInspector } from '@plexus/inspector/client';
 *
 * const seen: InspectorEvent[] = [];
 * for await (const event of watchInspector(process.argv[2]!)) seen.push(event);
 * console.log(`${seen.length} events, the last ${seen.at(-1)?.event}`);
 * ```
 */
export interface InspectorEvent {
  readonly event: string;
  readonly data: unknown;
}

/**
 * Connect to the inspector at `url` (the address it printed, `?token=…` included) and yield
 * its events until the run is over (`end`) or `signal` aborts. A wrong or missing token, or
 * nothing listening, throws an error saying so.
 *
 * @example
 * ```ts
 * import { watchInspector } from '@plexus/inspector/client';
 *
 * for await (const { event, data } of watchInspector('http://127.0.0.1:8080/?token=…'))
 *   if (event === 'end') console.log(data);
 * ```
 */
export async function* watchInspector(
  url: string,
  signal?: AbortSignal,
): AsyncGenerator<InspectorEvent> {
  const address = eventsUrl(url);
  let response: Response;
  try {
    response = await fetch(address, {
      headers: { accept: 'text/event-stream' },
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (error) {
    if (signal?.aborted) return;
    throw Errors.unreachable(address.origin, error);
  }
  if (response.status === 401) throw Errors.token(address.origin);
  if (!response.ok || response.body === null)
    throw Errors.answer(address.origin, response.status, response.statusText);
  const queue: InspectorEvent[] = [];
  const parser = createParser({
    onEvent: (message) =>
      queue.push({ event: message.event ?? 'message', data: JSON.parse(message.data) }),
  });
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  try {
    for (;;) {
      const chunk = await reader.read().catch((error: unknown) => {
        if (signal?.aborted) return { done: true as const, value: undefined };
        throw error;
      });
      if (chunk.done) return;
      parser.feed(decoder.decode(chunk.value, { stream: true }));
      while (queue.length > 0) {
        const next = queue.shift()!;
        yield next;
        if (next.event === 'end') return;
      }
    }
  } finally {
    reader.releaseLock();
    void response.body.cancel().catch(() => {});
  }
}

/**
 * The stream's address for an inspector's page address (`http://host:port/?token=…`).
 *
 * @example
 * ```ts
 * import { eventsUrl } from '@plexus/inspector/client';
 *
 * console.log(eventsUrl('http://127.0.0.1:8765/?token=abc').href); // the run's event stream
 * ```
 */
export function eventsUrl(url: string): URL {
  let page: URL;
  try {
    page = new URL(url);
  } catch {
    throw Errors.badUrl(url);
  }
  const events = new URL('/events', page);
  const token = page.searchParams.get('token');
  if (token !== null) events.searchParams.set('token', token);
  return events;
}
