/** One end of the raw nats-link baseline, run as a child process (see rawNatsLink.ts). */
import { deserialize, serialize } from 'node:v8';
import { connect } from '@nats-io/transport-node';
import { messageMaker } from '../components/messages.ts';
import { RateWindow } from '../measure/rateWindow.ts';

const [role, countArg, batchArg, url, subject] = process.argv.slice(2);
const count = Number(countArg);
const batch = Number(batchArg);
/** The producer waits for the server to take what it published every this many batches. */
const FLUSH_EVERY = 16;

const nc = await connect({ servers: url! });
if (role === 'consume') {
  const window = new RateWindow(count);
  nc.subscribe(subject!, {
    callback: (_error, msg) => {
      window.add((deserialize(msg.data) as unknown[]).length);
      if (window.count >= count) process.send!(window.rate());
    },
  });
  await nc.flush();
  process.send!('ready');
} else {
  const make = messageMaker('record', 0);
  const items: unknown[] = [];
  let batches = 0;
  for (let i = 0; i < count; i++) {
    items.push(make(i));
    if (items.length === batch) {
      nc.publish(subject!, serialize(items));
      items.length = 0;
      if (++batches % FLUSH_EVERY === 0) await nc.flush();
    }
  }
  if (items.length > 0) nc.publish(subject!, serialize(items));
  await nc.flush();
  await nc.close();
}
