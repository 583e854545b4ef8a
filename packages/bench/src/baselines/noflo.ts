/**
 * NoFlo 1.5, the JavaScript FBP reference: a network of pass-through components built from a
 * graph, with synchronous IP delivery (its default). The source posts IPs into the first
 * process's inport; the sink listens on the last one's outport.
 */
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** Send `count` numbers through a NoFlo network of `stages` pass-through components; msgs/s. */
export async function nofloPipeline(count: number, stages: number): Promise<number> {
  const noflo = require('noflo');
  const baseDir = mkdtempSync(join(tmpdir(), 'plexus-bench-noflo-'));
  const loader = new noflo.ComponentLoader(baseDir);
  await loader.listComponents();
  loader.registerComponent('bench', 'Pass', {
    getComponent: () =>
      new noflo.Component({
        inPorts: { in: { datatype: 'all' } },
        outPorts: { out: { datatype: 'all' } },
        process(input: any, output: any) {
          output.sendDone({ out: input.getData('in') });
        },
      }),
  });
  const graph = new noflo.Graph('pipeline');
  for (let i = 0; i < stages; i++) graph.addNode(`p${i}`, 'bench/Pass');
  for (let i = 0; i + 1 < stages; i++) graph.addEdge(`p${i}`, 'out', `p${i + 1}`, 'in');
  const network = await noflo.createNetwork(graph, {
    componentLoader: loader,
    baseDir,
    delay: true,
    asyncDelivery: false,
  });
  await network.connect();
  await network.start();
  const head = noflo.internalSocket.createSocket();
  network.processes.p0.component.inPorts.in.attach(head);
  const tail = noflo.internalSocket.createSocket();
  network.processes[`p${stages - 1}`].component.outPorts.out.attach(tail);
  let received = 0;
  const done = new Promise<void>((resolve) => {
    tail.on('ip', (ip: { type: string }) => {
      if (ip.type === 'data' && ++received === count) resolve();
    });
  });
  const start = performance.now();
  for (let i = 0; i < count; i++) head.post(new noflo.IP('data', i));
  await done;
  const rate = (count * 1000) / (performance.now() - start);
  await network.stop();
  return rate;
}
