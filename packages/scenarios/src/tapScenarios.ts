/**
 * Observation scenarios, part of the scenario suite: a run watched through `run({ inspect })`
 * is told where each component runs, and a tap on a link samples its messages wherever the
 * link's receiving end runs — inline, in a worker thread, in a child process.
 */
import { describe, expect, test } from '@jest/globals';
import { graph, type TapSample } from '@plexus/core';
import { collector } from './collector.ts';
import { Forever, Pass } from './components.ts';
import { placed } from './placed.ts';
import type { ScenarioTarget } from './ScenarioTarget.ts';

export function tapScenarios(target: ScenarioTarget): void {
  const { run, add } = placed(target);

  describe(`observation, placed ${target.name}`, () => {
    test('a tap samples the messages going into a link, as text, wherever the link ends', async () => {
      const g = graph('tapped');
      g.pipeline(add(g, 'source', Forever), add(g, 'pass', Pass), g.add('sink', collector([])));
      const samples: TapSample[] = [];
      let where: (string | undefined)[] = [];
      // A link keeps the id it was given when it was made, wherever its ends are placed.
      const id = g.stats().links.find((l) => l.to === 'pass.in')!.id;
      await run(g, {
        inspect: {
          attach({ graph: watched, tap }) {
            watched.once('start', () => {
              tap(id, { every: 10 }, (sample) => {
                samples.push(sample);
                if (samples.length !== 3) return;
                where = watched.stats().components.map((c) => c.where);
                void watched.stop();
              });
            });
          },
        },
      });
      expect(g.stats().links.find((l) => l.to === 'pass.in')!.id).toBe(id);
      // Samples may still arrive while the stop travels.
      expect(samples.length).toBeGreaterThanOrEqual(3);
      expect(new Set(samples.map((s) => s.link))).toEqual(new Set([id]));
      for (const sample of samples) {
        expect(sample.text).toBe(String(sample.seq - 1));
        expect(sample.truncated).toBe(false);
      }
      expect(samples[1]!.seq).toBeGreaterThan(samples[0]!.seq);
      const pattern = {
        inline: undefined,
        worker: /^worker thread \d+$/,
        process: /^process \d+$/,
        nats: /^nats node '[\w-]+' \(host [^)]+\), process \d+$/,
      };
      const placed = (name: string) =>
        pattern[(target.place(name).backend ?? 'inline') as keyof typeof pattern];
      expect(where).toEqual([
        placed('source') === undefined ? undefined : expect.stringMatching(placed('source')!),
        placed('pass') === undefined ? undefined : expect.stringMatching(placed('pass')!),
        undefined,
      ]);
    });
  });
}
