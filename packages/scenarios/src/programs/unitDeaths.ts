// A program whose graphs lose their worker thread or child process: one calls process.exit(3),
// one runs out of memory under its cap, one exits while it is being imported there. Usage:
//   node --conditions=@plexus/source --import @plexus/host/register unitDeaths.ts <worker|process>
// Each run must reject with ERR_UNIT_DIED, printed here, although nothing else keeps this
// program's event loop alive; the program then ends by itself with exit code 0.
import { type BackendName, type Definition, graph, type Placement } from '@plexus/core';
import { collector } from '../collector.ts';
import { Count } from '../components.ts';
import { ExitAt, Hog } from '../dying.ts';
import { Quiet } from '../exitsOffMain.ts';

const backend = process.argv[2] as BackendName;
const capped: Placement['options'] =
  backend === 'worker'
    ? { resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 8 } }
    : { memoryMb: 48 };
const cases: [string, Definition, Placement['options']][] = [
  ['exit', ExitAt, {}],
  ['memory', Hog, capped],
  ['import', Quiet, {}],
];

for (const [label, definition, options] of cases) {
  const g = graph(label);
  const received: unknown[] = [];
  g.pipeline(
    g.add('count', Count, { params: { to: 100 } }),
    g.add('unit', definition, { backend, options, params: label === 'exit' ? { at: 3 } : {} }),
    ...(label === 'import' ? [] : [g.add('sink', collector(received))]),
  );
  try {
    const result = await g.run({ checked: false });
    console.log(`${label}: ${result.status} (${received.length} received)`);
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    console.log(`${label}: ${code}: ${message}`);
  }
}
