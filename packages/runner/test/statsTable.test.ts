/**
 * `plexus run --stats`: the table shows a `lost` column once a link has lost messages with a
 * unit restarted on another host (NATS), and none before.
 */
import { describe, expect, test } from '@jest/globals';
import type { Graph, LinkInfo } from '@plexus/core';
import { StatsTable } from '../src/commands/StatsTable.ts';

const link = (id: number, from: string, to: string, extra: Partial<LinkInfo> = {}): LinkInfo => ({
  id,
  from,
  to,
  capacity: 1024,
  sent: 20_000,
  delivered: 20_000,
  queued: 0,
  dropped: 0,
  closed: true,
  ...extra,
});

/** The table printed at the end of a run whose links are `links`. */
function table(links: LinkInfo[]): string {
  const graph = { on: () => graph, stats: () => ({ components: [], links }) };
  const printed: string[] = [];
  const output = { out: () => {}, err: (text: string) => void printed.push(text), color: false };
  new StatsTable(graph as unknown as Graph, output, false).finish();
  return printed.join('\n');
}

describe('the --stats table', () => {
  test("counts each link's lost messages once one has lost some", () => {
    const lines = table([
      link(1, 'count.out', 'b.in', { lost: 2048 }),
      link(2, 'b.out', 'sink.in'),
    ]).split('\n');
    expect(lines[0]).toMatch(/^link\s+sent\s+msgs\/s\s+queued\s+lost\s+hosts$/);
    expect(lines[1]).toMatch(/^count\.out -> b\.in\s+20,000\s+\S+\s+0\/1024\s+2,048\s/);
    expect(lines[2]).toMatch(/^b\.out -> sink\.in\s+20,000\s+\S+\s+0\/1024\s+0\s/);
  });

  test('has no lost column while nothing is lost', () => {
    expect(table([link(1, 'count.out', 'sink.in')]).split('\n')[0]).not.toMatch(/lost/);
  });
});
