/** One end of the raw worker-link baseline, run as a worker thread (see rawWorkerLink.ts). */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { messageMaker } from '../components/messages.ts';
import { RateWindow } from '../measure/rateWindow.ts';

const { role, count, batch, port } = workerData as {
  role: 'produce' | 'consume';
  count: number;
  batch: number;
  port: MessagePort;
};

if (role === 'produce') {
  const make = messageMaker('record', 0);
  const items: unknown[] = [];
  for (let i = 0; i < count; i++) {
    items.push(make(i));
    if (items.length === batch) {
      port.postMessage(items);
      items.length = 0;
    }
  }
  if (items.length > 0) port.postMessage(items);
  // The port stays open (closing could drop what is still queued); the thread is terminated.
} else {
  const window = new RateWindow(count);
  port.on('message', (items: unknown[]) => {
    window.add(items.length);
    if (window.count >= count) {
      parentPort!.postMessage(window.rate());
      port.close();
    }
  });
}
