/**
 * `plexus inspect <url>`: attach to a run started with `--inspect` (here or on another
 * terminal), read-only, and show it: every link's counters, rate and queue (FULL when it is
 * full), every component's state and where it runs, and failures as they happen. On a
 * terminal the table redraws in place; otherwise it is printed once, when the run ends.
 * `--json` prints every event of the stream as a line of JSON instead. Exit codes: 0 the run
 * completed or was stopped, 1 it failed, 2 the inspector could not be reached or refused.
 */
import type { End, Failure, Hello, Tick } from '@plexus/inspector';
import { watchInspector } from '@plexus/inspector/client';
import { type Output, paint } from '../output.ts';

export interface InspectCommandOptions {
  readonly json?: boolean;
}

export async function inspectCommand(
  url: string,
  options: InspectCommandOptions,
  output: Output,
): Promise<number> {
  const live = output.color && options.json !== true;
  let hello: Hello | undefined;
  let tick: Tick | undefined;
  let end: End | undefined;
  let height = 0;
  const draw = () => {
    if (tick === undefined) return;
    const lines = table(hello?.graph ?? '', tick);
    const clear = live && height > 0 ? `\x1b[${height}A\x1b[J` : '';
    height = lines.length;
    output.out(clear + lines.join('\n'));
  };
  try {
    for await (const { event, data } of watchInspector(url)) {
      if (options.json === true) output.out(JSON.stringify({ event, data }));
      if (event === 'hello') hello = data as Hello;
      else if (event === 'tick') {
        tick = data as Tick;
        if (live) draw();
      } else if (event === 'failure' && options.json !== true) {
        height = 0;
        output.err(paint(output, 'red', describeFailure(data as Failure)));
      } else if (event === 'end') end = data as End;
    }
  } catch (error) {
    output.err(`plexus inspect: ${(error as Error).message}`);
    return 2;
  }
  if (options.json !== true) {
    if (!live) draw();
    output.err(
      end === undefined
        ? 'plexus inspect: the inspector closed before the run said how it ended'
        : `plexus inspect: the run ${end.status}${end.message === undefined ? '' : `: ${end.message}`}`,
    );
  }
  return end?.status === 'failed' ? 1 : end === undefined ? 2 : 0;
}

function table(graph: string, tick: Tick): string[] {
  const links = [['link', 'sent', 'msgs/s', 'queued']];
  for (const link of tick.links) {
    const full = link.queued >= link.capacity && link.capacity > 0;
    links.push([
      `${link.from} -> ${link.to}`,
      count(link.sent),
      count(link.rate),
      `${full ? 'FULL ' : ''}${link.queued}/${link.capacity}`,
    ]);
  }
  const components = [['component', 'state', 'where', 'restarts']];
  for (const c of tick.components) {
    const state =
      c.state === 'running'
        ? c.restarting === true
          ? 'restarting'
          : c.waiting === undefined
            ? 'running'
            : `waiting on ${c.waiting}`
        : c.reason === undefined
          ? c.state
          : `${c.state} (${c.reason})`;
    components.push([
      c.name,
      state,
      c.where ?? c.backend,
      c.restarts === undefined ? '' : String(c.restarts),
    ]);
  }
  const running = tick.components.filter((c) => c.state === 'running').length;
  return [
    `${graph}: ${tick.status}, ${tick.components.length} components, ${running} running`,
    ...columns(links, 1),
    '',
    ...columns(components, 3),
  ];
}

/** Rows as aligned columns: the first `left` columns flush left, the rest flush right. */
function columns(rows: string[][], left: number): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i < left ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

function describeFailure(failure: Failure): string {
  const who =
    failure.component === undefined
      ? 'the run'
      : `${failure.component} (${failure.type}, ${failure.where ?? failure.backend})`;
  const restarted = failure.restarted === undefined ? '' : ` [restarted, ${failure.restarted}]`;
  return `${who}${restarted}: ${failure.message}`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
