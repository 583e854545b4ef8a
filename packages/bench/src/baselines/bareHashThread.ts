/** A bare hashing thread of the parallel baseline (see bareThreads.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { hashRounds } from '../components/hash.ts';

const { numbers, rounds } = workerData as { numbers: number[]; rounds: number };
for (const n of numbers) parentPort!.postMessage({ n, hash: hashRounds(n, rounds) });
