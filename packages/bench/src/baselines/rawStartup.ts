/**
 * Start-up baselines: Node's own floor for a first message from a new worker thread (a bare
 * Worker running one line) and from a new child process (`node -e` with an IPC channel).
 */
import { spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';

/** Milliseconds from `new Worker` to its first message. */
export async function rawWorkerStartup(): Promise<number> {
  const start = performance.now();
  const worker = new Worker("require('node:worker_threads').parentPort.postMessage(1)", {
    eval: true,
  });
  await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const elapsed = performance.now() - start;
  await worker.terminate();
  return elapsed;
}

/** Milliseconds from spawning `node` to its first IPC message. */
export async function rawProcessStartup(): Promise<number> {
  const start = performance.now();
  const child = spawn(process.execPath, ['-e', 'process.send(1, () => process.exit(0))'], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('error', reject);
  });
  const elapsed = performance.now() - start;
  await new Promise((resolve) =>
    child.exitCode === null ? child.once('exit', resolve) : resolve(null),
  );
  return elapsed;
}
