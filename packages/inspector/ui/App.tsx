/** The page: a header with the run's status and totals, the live graph, and the side panels. */
import { useEffect, useReducer } from 'preact/hooks';
import { edgeKeyOf, replicaOf } from '../src/layout/graphShape.ts';
import type { LayoutEdge } from '../src/protocol.ts';
import { connect, requestTap } from './connect.ts';
import { short } from './format.ts';
import { GraphView } from './GraphView.tsx';
import { FailuresPanel, LogPanel, TapPanel } from './Panels.tsx';
import { initial, reduce } from './state.ts';

export function App({ token }: { token: string }) {
  const [state, dispatch] = useReducer(reduce, initial);
  useEffect(() => connect(token, dispatch), [token]);
  const client = state.hello?.client ?? '';
  const tap = state.tap;

  const openTap = (edge: LayoutEdge) => {
    if (tap !== undefined) void requestTap(token, client, tap.edge, false);
    const label = `${edge.from}.${edge.label.replace(' → ', ` → ${edge.to}.`)}`;
    dispatch({ type: 'tap-open', edge: edge.key, label });
    void requestTap(token, client, edge.key, true).then((answer) =>
      dispatch(
        typeof answer === 'string'
          ? { type: 'tap-error', edge: edge.key, error: answer }
          : { type: 'tap-samples', edge: edge.key, samples: answer },
      ),
    );
  };
  const pause = (paused: boolean) => {
    if (tap === undefined) return;
    dispatch({ type: 'tap-pause', paused });
    void requestTap(token, client, tap.edge, !paused).then((answer) => {
      if (typeof answer === 'string')
        dispatch({ type: 'tap-error', edge: tap.edge, error: answer });
      else if (!paused) dispatch({ type: 'tap-samples', edge: tap.edge, samples: answer });
    });
  };
  const closeTap = () => {
    if (tap === undefined) return;
    void requestTap(token, client, tap.edge, false);
    dispatch({ type: 'tap-close' });
  };

  const status = state.end?.status ?? state.tick?.status ?? 'starting';
  // Counted as drawn: a replicated component is one, whether or not its replicas have reported.
  const names = new Set(state.tick?.components.map((c) => c.name));
  const components = (state.tick?.components ?? []).filter(
    (c) => replicaOf(c.name, names) === undefined,
  );
  const running = components.filter((c) => c.state === 'running').length;
  const failed = components.filter((c) => c.state === 'failed').length;
  const rate = (state.tick?.links ?? []).reduce((sum, l) => sum + l.rate, 0);
  const tapped = (state.tick?.links ?? []).filter((l) => edgeKeyOf(l, names) === tap?.edge);
  // Its senders have finished: a tap, which sees what goes in from now on, will see nothing.
  const drained =
    tapped.length > 0 && tapped.every((l) => l.closed)
      ? { queued: tapped.reduce((sum, l) => sum + l.queued, 0) }
      : undefined;
  const connection =
    state.connection === 'lost'
      ? 'connection lost: retrying'
      : state.connection === 'closed'
        ? 'the inspector has closed'
        : state.connection === 'connecting'
          ? 'connecting'
          : '';
  return (
    <div class="app">
      <header class="top">
        <h1>
          <span class="brand">Plexus</span> {state.hello?.graph ?? ''}
        </h1>
        <span class={`status ${status}`} data-testid="status">
          {status}
        </span>
        {connection === '' ? null : <span class="connection">{connection}</span>}
        <span class="totals" data-testid="totals">
          {`${components.length} components · ${running} running${failed > 0 ? ` · ${failed} failed` : ''} · ${short(rate)} msgs/s`}
        </span>
        <span class="legend">
          <i class="b-inline" />
          inline <i class="b-worker" />
          worker <i class="b-process" />
          process <i class="b-nats" />
          nats node <i class="s-blocked" />
          waiting for room <i class="s-failed" />
          failed <i class="e-full" />
          full link
        </span>
      </header>
      {state.end?.message === undefined ? null : (
        <p class="banner" data-testid="end">
          {state.end.message}
        </p>
      )}
      <main>
        <div class="canvas">
          {state.layout === undefined ? (
            <p class="boot">Laying out the graph…</p>
          ) : state.layout.tooBig !== undefined ? (
            <p class="boot" data-testid="too-big">
              {`The graph has ${state.layout.tooBig} components, more than are drawn live; the totals, log and failures still follow the run (and plexus inspect lists every link).`}
            </p>
          ) : (
            <GraphView layout={state.layout} tick={state.tick} tapped={tap?.edge} onTap={openTap} />
          )}
        </div>
        <aside>
          {tap === undefined ? (
            <p class="hint">Click a link to see the messages going through it.</p>
          ) : (
            <TapPanel
              tap={tap}
              bounds={state.hello?.tap}
              drained={drained}
              onPause={pause}
              onClose={closeTap}
            />
          )}
          <FailuresPanel failures={state.failures} />
          <LogPanel log={state.log} />
        </aside>
      </main>
    </div>
  );
}
