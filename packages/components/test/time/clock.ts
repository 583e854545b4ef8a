/**
 * A fake clock for the scheduling components: Date and timers are jest's fakes, the event
 * loop's own turns (setImmediate, nextTick, microtasks) stay real, so graphs run as usual and
 * time moves only when a test moves it.
 */
import { afterEach, beforeEach, jest } from '@jest/globals';
import { box, type Definition, defineComponent, graph, z } from '@plexus/core';
import { collectInto, FromItems } from '../../src/index.ts';

export function useFakeClock(start = '2024-01-01T00:00:00Z'): void {
  beforeEach(() => {
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'],
      now: new Date(start),
    });
  });
  afterEach(() => {
    jest.useRealTimers();
  });
}

/** Let the event loop turn a few times (links deliver on its turns, which stay real). */
async function turns(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Move the fake clock on by `ms` in `steps` steps, letting every timer due meanwhile fire and
 * the event loop turn after each step, so what a timer starts is done before time moves on.
 */
export async function advance(ms: number, steps = 20): Promise<void> {
  await turns();
  for (let i = 0; i < steps; i++) {
    await jest.advanceTimersByTimeAsync(ms / steps);
    await turns();
  }
}

/**
 * Run `definition` (fed `messages`, if it has an inbox) in a graph with the deadlock watch
 * off (fake time stands still between steps); `seen` fills as it sends; `done` settles with
 * the run.
 */
export function start(
  definition: Definition,
  params: Record<string, unknown>,
  messages?: readonly unknown[],
): { seen: unknown[]; done: Promise<unknown> } {
  const seen: unknown[] = [];
  const g = graph('clocked');
  const subject = g.add('subject', definition, { params } as never);
  if (messages !== undefined)
    g.link(
      g.add('feed', FromItems, { params: { items: [...messages] } }).outbox('out'),
      subject.inbox('in' as never),
    );
  g.link(subject.outbox('out' as never), g.add('seen', collectInto(seen)).inbox('in'));
  return { seen, done: g.run({ deadlockTimeout: false }) };
}

/** A source whose messages the test sends when it chooses. */
export function manual() {
  const queue: unknown[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  const push = (message: unknown) => {
    queue.push(message);
    wake?.();
  };
  const end = () => {
    ended = true;
    wake?.();
  };
  const Source = defineComponent({
    name: 'Manual',
    description: 'Sends what the test pushes.',
    outboxes: { out: box(z.any(), 'Pushed messages.') },
    async body({ outbox }) {
      for (;;) {
        while (queue.length > 0) await outbox.out.send(queue.shift());
        if (ended) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
  });
  return { Source, push, end };
}
