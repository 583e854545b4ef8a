/**
 * The worker-link baseline: two bare worker threads joined by a MessageChannel, the producer
 * posting the same small records in arrays of 1,024 (no flow control, no framework), the
 * consumer counting them and timing the middle 80 %, as Plexus's Meter does.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { scriptArgv } from '../isolated/scriptArgv.ts';

const thread = new URL('./rawWorkerThread.ts', import.meta.url);

/** Send `count` records from one worker to another in batches of `batch`; resolves with msgs/s. */
export async function rawWorkerLink(count: number, batch: number): Promise<number> {
  const { port1, port2 } = new MessageChannel();
  const start = (role: 'produce' | 'consume', port: unknown) =>
    new Worker(thread, {
      execArgv: scriptArgv(),
      workerData: { role, count, batch, port },
      transferList: [port as never],
    });
  const consumer = start('consume', port2);
  const producer = start('produce', port1);
  try {
    return await new Promise<number>((resolve, reject) => {
      consumer.once('message', (rate: number) => resolve(rate));
      for (const worker of [consumer, producer]) {
        worker.once('error', reject);
        worker.once('exit', (code) => {
          if (code !== 0) reject(new Error(`A raw worker-link thread exited with code ${code}.`));
        });
      }
    });
  } finally {
    await Promise.all([consumer.terminate(), producer.terminate()]);
  }
}
