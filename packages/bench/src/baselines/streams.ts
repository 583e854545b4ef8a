/** Node's own answer: `stream.pipeline` through object-mode Transforms, with default buffering. */
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Send `count` numbers through `stages` pass-through Transforms; resolves with msgs/s. */
export async function streamsPipeline(count: number, stages: number): Promise<number> {
  let next = 0;
  const source = new Readable({
    objectMode: true,
    read() {
      while (next < count) if (!this.push(next++)) return;
      this.push(null);
    },
  });
  const transforms = Array.from(
    { length: stages },
    () =>
      new Transform({
        objectMode: true,
        transform(chunk, _encoding, callback) {
          callback(null, chunk);
        },
      }),
  );
  let received = 0;
  const sink = new Writable({
    objectMode: true,
    write(_chunk, _encoding, callback) {
      received++;
      callback();
    },
  });
  const start = performance.now();
  await pipeline([source, ...transforms, sink]);
  if (received !== count)
    throw new Error(`stream.pipeline delivered ${received} of ${count} messages.`);
  return (count * 1000) / (performance.now() - start);
}

/** One Readable piped to `targets` Writables (fan-out), the same payload each time; msgs/s. */
export async function streamsFanout(
  count: number,
  targets: number,
  payload: unknown,
): Promise<number> {
  let next = 0;
  const source = new Readable({
    objectMode: true,
    read() {
      while (next < count) {
        next++;
        if (!this.push(payload)) return;
      }
      this.push(null);
    },
  });
  const received = new Array<number>(targets).fill(0);
  const sinks = received.map(
    (_, i) =>
      new Writable({
        objectMode: true,
        write(_chunk, _encoding, callback) {
          received[i]!++;
          callback();
        },
      }),
  );
  const start = performance.now();
  const finished = sinks.map((sink) => new Promise((resolve) => sink.on('finish', resolve)));
  for (const sink of sinks) source.pipe(sink);
  await Promise.all(finished);
  if (received.some((n) => n !== count)) throw new Error('Stream fan-out lost messages.');
  return (count * 1000) / (performance.now() - start);
}
