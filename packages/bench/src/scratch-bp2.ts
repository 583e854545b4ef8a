import { fullGc } from './measure/gc.ts';
import { backpressure } from './trials/backpressure.ts';

let n = 0;
const t = setInterval(() => {
  const m = process.memoryUsage();
  let s = Object.entries(m)
    .map(([k, v]) => `${k} ${(v / 1048576).toFixed(0)}`)
    .join(' ');
  if (++n % 2 === 0) {
    fullGc();
    const m2 = process.memoryUsage();
    s += ` | after gc rss ${(m2.rss / 1048576).toFixed(0)} heapTotal ${(m2.heapTotal / 1048576).toFixed(0)} ext ${(m2.external / 1048576).toFixed(0)}`;
  }
  console.log(s);
}, 1000);
console.log(
  await backpressure({
    count: 4_000_000,
    backend: (process.argv[2] ?? 'process') as any,
    capacity: 1024,
  }),
);
clearInterval(t);
process.exit(0);
