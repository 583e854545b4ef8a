import { cpuUsage } from 'node:process';
import { rawProcessLink } from './baselines/rawProcessLink.ts';
import { rawWorkerLink } from './baselines/rawWorkerLink.ts';
import { plexusLink } from './benchmarks/links.ts';
import { contend } from './measure/contention.ts';

const [kind, capArg, roundsArg, burnArg, countArg] = process.argv.slice(2);
const cap = Number(capArg);
const rounds = Number(roundsArg);
const count = Number(countArg ?? 1_000_000);
const b = { backend: kind } as const;
const c = await contend(Number(burnArg));
const res: Record<string, number[]> = { old: [], new: [], raw: [] };
for (let r = 0; r < rounds; r++) {
  for (const v of r % 2 ? ['new', 'old', 'raw'] : ['old', 'raw', 'new']) {
    if (v === 'raw')
      res.raw!.push(
        kind === 'worker' ? await rawWorkerLink(count, 1024) : await rawProcessLink(count, 1024),
      );
    else {
      if (v === 'old') process.env.AB_OLD = '1';
      else delete process.env.AB_OLD;
      res[v]!.push(await plexusLink(count, b, b, cap));
    }
    console.error(v, Math.round(res[v]!.at(-1)!));
  }
}
await c.stop();
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
console.log(
  JSON.stringify({
    kind,
    cap,
    old: med(res.old!),
    new: med(res.new!),
    raw: med(res.raw!),
    ratioNewOld: med(res.new!.map((x, i) => x / res.old![i]!)),
  }),
);
