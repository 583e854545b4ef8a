/** `plexus nodes --nats <url>`: list the live node agents, one line each (or JSON). */
import type { listNodes } from '@plexus/nats';
import type { Output } from '../output.ts';
import { loadNats } from './loadNats.ts';
import { natsSettings } from './natsSettings.ts';

export async function nodesCommand(
  options: { readonly nats: string; readonly json?: boolean },
  output: Output,
): Promise<number> {
  const settings = natsSettings(options.nats);
  const nats = await loadNats('nodes', output);
  if (nats === undefined) return 2;
  const { describeServers } = nats;
  let nodes: Awaited<ReturnType<typeof listNodes>>;
  try {
    nodes = await nats.listNodes(settings);
  } catch (error) {
    output.err(`plexus nodes: ${(error as Error).message} (NATS: ${describeServers(settings)})`);
    return 1;
  }
  if (options.json === true) {
    output.out(JSON.stringify(nodes));
    return 0;
  }
  if (nodes.length === 0) {
    output.err(`plexus nodes: no node agent answered on ${describeServers(settings)}`);
    return 0;
  }
  const rows = [
    ['NAME', 'HOST', 'LABELS', 'CORES', 'FREE MB', 'UNITS', 'VERSION'],
    ...nodes.map((n) => [
      n.name,
      n.host,
      n.labels.join(',') || '-',
      String(n.cores),
      String(n.freeMemoryMb),
      String(n.units),
      n.version,
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows)
    output.out(
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
  return 0;
}
