/**
 * `plexus run --stats`: a table on stderr of every link's throughput and queue depth (and what
 * it lost with a unit restarted on another host, once one has), and of progress where a source
 * knows its total (bytes of a file). On a terminal it redraws in place
 * every second; otherwise it is printed once, at the end.
 */
import type { Graph } from '@plexus/core';
import type { Output } from '../output.ts';
import { hostOf } from './hostOf.ts';

const EVERY_MS = 1000;

export class StatsTable {
  private readonly progress = new Map<string, { done: number; total: number | undefined }>();
  private last = new Map<number, number>();
  private lastAt = performance.now();
  private height = 0;
  private readonly timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly graph: Graph,
    private readonly output: Output,
    private readonly live: boolean,
  ) {
    graph.on('component:progress', (info, done, total) =>
      this.progress.set(info.name, { done, total }),
    );
    if (live) {
      this.timer = setInterval(() => this.draw(), EVERY_MS);
      this.timer.unref();
    }
  }

  /** Print `text` on stderr above the table (a live table is drawn again at its next turn). */
  print(text: string): void {
    const clear = this.live && this.height > 0 ? `\x1b[${this.height}A\x1b[J` : '';
    this.height = 0;
    this.output.err(clear + text);
  }

  /** The run is over: the last table, kept on screen. */
  finish(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.draw();
  }

  private draw(): void {
    const now = performance.now();
    const seconds = Math.max((now - this.lastAt) / 1000, 0.001);
    const next = new Map<number, number>();
    const { components, links } = this.graph.stats();
    const lossy = links.some((link) => link.lost !== undefined);
    const rows: string[][] = [
      ['link', 'sent', 'msgs/s', 'queued', ...(lossy ? ['lost'] : []), 'hosts'],
    ];
    const where = new Map(components.map((c) => [c.name, hostOf(c.where)]));
    const host = (end: string) =>
      where.get(end.slice(0, end.lastIndexOf('.'))) ?? hostOf(undefined);
    for (const link of links) {
      const rate = (link.sent - (this.last.get(link.id) ?? 0)) / seconds;
      next.set(link.id, link.sent);
      rows.push([
        `${link.from} -> ${link.to}`,
        count(link.sent),
        count(Math.round(rate)),
        `${link.queued}/${link.capacity}`,
        ...(lossy ? [count(link.lost ?? 0)] : []),
        `${host(link.from)} -> ${host(link.to)}`,
      ]);
    }
    this.last = next;
    this.lastAt = now;
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
    const last = rows[0]!.length - 1;
    const lines = rows.map((row) =>
      row
        .map((cell, i) =>
          i === 0 ? cell.padEnd(widths[i]!) : i === last ? cell : cell.padStart(widths[i]!),
        )
        .join('  '),
    );
    for (const [name, { done, total }] of this.progress) {
      const on = `${name} (on ${where.get(name) ?? hostOf(undefined)})`;
      lines.push(
        total === undefined
          ? `${on}: ${count(done)}`
          : `${on}: ${((100 * done) / Math.max(total, 1)).toFixed(0)}% (${count(done)} of ${count(total)})`,
      );
    }
    const clear = this.live && this.height > 0 ? `\x1b[${this.height}A\x1b[J` : '';
    this.height = lines.length;
    this.output.err(clear + lines.join('\n'));
  }
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
