/** One end of the raw process-link baseline, run as a child process (see rawProcessLink.ts). */
import net from 'node:net';
import { deserialize, serialize } from 'node:v8';
import { messageMaker } from '../components/messages.ts';
import { RateWindow } from '../measure/rateWindow.ts';

const [role, countArg, batchArg, path] = process.argv.slice(2);
const count = Number(countArg);
const batch = Number(batchArg);

/** A length-prefixed frame of `items`, encoded as Plexus encodes a batch. */
function frame(items: unknown[]): Buffer {
  const payload = serialize(items);
  const out = Buffer.allocUnsafe(4 + payload.length);
  out.writeUInt32LE(payload.length, 0);
  payload.copy(out, 4);
  return out;
}

function produce(socket: net.Socket): void {
  const make = messageMaker('record', 0);
  const items: unknown[] = [];
  for (let i = 0; i < count; i++) {
    items.push(make(i));
    if (items.length === batch) {
      socket.write(frame(items));
      items.length = 0;
    }
  }
  if (items.length > 0) socket.write(frame(items));
}

function consume(socket: net.Socket): void {
  const window = new RateWindow(count);
  let chunks: Buffer[] = [];
  let buffered = 0;
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    buffered += chunk.length;
    while (buffered >= 4) {
      const head = chunks[0]!.length >= 4 ? chunks[0]! : Buffer.concat(chunks);
      const size = head.readUInt32LE(0);
      if (buffered < 4 + size) return;
      const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, buffered);
      const items = deserialize(all.subarray(4, 4 + size)) as unknown[];
      const rest = all.subarray(4 + size);
      chunks = rest.length > 0 ? [rest] : [];
      buffered = rest.length;
      window.add(items.length);
      if (window.count >= count) process.send!(window.rate());
    }
  });
}

if (role === 'consume') {
  const server = net.createServer((socket) => {
    server.close();
    consume(socket);
  });
  server.listen(path);
} else {
  const connect = () => {
    const socket = net.connect(path!);
    socket.once('connect', () => produce(socket));
    socket.once('error', () => setTimeout(connect, 5));
  };
  connect();
}
