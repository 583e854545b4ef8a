/**
 * The side of the page: the open tap (samples of one link, pausable), the failures (what
 * failed, where, on which box, and the stack), and the log of what happened to components.
 */
import type { Failure, LogEntry, TapBounds } from '../src/protocol.ts';
import { clock, count } from './format.ts';
import type { TapState } from './state.ts';

export function TapPanel({
  tap,
  bounds,
  drained,
  onPause,
  onClose,
}: {
  tap: TapState;
  bounds: TapBounds | undefined;
  /** Set once every sender into the link has finished: how many messages it still holds. */
  drained: { readonly queued: number } | undefined;
  onPause: (paused: boolean) => void;
  onClose: () => void;
}) {
  return (
    <section class="panel tap" data-testid="tap" data-edge={tap.edge}>
      <header>
        <h2>Tap: {tap.label}</h2>
        <button type="button" onClick={() => onPause(!tap.paused)}>
          {tap.paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" onClick={onClose} aria-label="Close the tap">
          ×
        </button>
      </header>
      {bounds === undefined ? null : (
        <p class="bounds">
          {`the last ${bounds.last} · at most one every ${bounds.every} ms · ${count(bounds.maxChars)} characters each`}
          {tap.paused ? ' · paused' : ''}
        </p>
      )}
      {tap.error === undefined ? null : <p class="error">{tap.error}</p>}
      {tap.samples.length === 0 && tap.error === undefined ? (
        <p class="empty" data-testid="tap-empty">
          {tap.paused
            ? 'Paused.'
            : drained !== undefined
              ? `Nothing more goes into this link: its sender has finished${drained.queued > 0 ? ` (${count(drained.queued)} sent before the tap opened still wait in it)` : ''}. A tap shows what goes in once it is open.`
              : 'Waiting for a message…'}
        </p>
      ) : null}
      <ol class="samples">
        {[...tap.samples].reverse().map((sample) => (
          <li key={`${sample.link}:${sample.seq}`} data-testid="tap-sample" data-seq={sample.seq}>
            <span class="meta">
              #{count(sample.seq)} · {clock(sample.at)}
              {sample.truncated ? ' · cut' : ''}
            </span>
            <pre>{sample.text}</pre>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function FailuresPanel({ failures }: { failures: readonly Failure[] }) {
  if (failures.length === 0) return null;
  return (
    <section class="panel failures">
      <h2>Failures ({failures.length})</h2>
      {[...failures].reverse().map((f, i) => (
        <article
          key={`${f.at}:${i}`}
          class={f.restarted === undefined ? 'failure' : 'failure restarted'}
          data-testid="failure"
          data-component={f.component ?? ''}
        >
          <p class="where">
            {f.component === undefined ? 'the run' : `${f.component} (${f.type})`}
            {f.where === undefined ? '' : ` · ${f.where}`}
            {f.box === undefined ? '' : ` · box '${f.box}'`}
            {f.code === undefined ? '' : ` · ${f.code}`}
            {f.restarted === undefined ? '' : ` · restarted (${f.restarted})`}
          </p>
          <p class="message">{f.message}</p>
          {f.stack === undefined ? null : (
            <details open={i === 0}>
              <summary>stack</summary>
              <pre>{stackOf(f.stack)}</pre>
            </details>
          )}
        </article>
      ))}
    </section>
  );
}

export function LogPanel({ log }: { log: readonly LogEntry[] }) {
  return (
    <section class="panel log">
      <h2>Log</h2>
      <ol>
        {[...log].reverse().map((entry, i) => (
          <li key={`${entry.at}:${i}`} class={entry.kind}>
            <span class="meta">{clock(entry.at)}</span> <strong>{entry.component}</strong>{' '}
            {entry.text}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The frames of a stack (the message is shown above it). */
function stackOf(stack: string): string {
  const lines = stack.split('\n');
  const first = lines.findIndex((line) => line.trimStart().startsWith('at '));
  return (first < 0 ? lines : lines.slice(first)).map((line) => line.trim()).join('\n');
}
