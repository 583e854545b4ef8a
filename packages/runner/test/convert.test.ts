/**
 * `plexus convert` on real NoFlo graphs (from the NoFlo repository): the result is a graph
 * file the loader's schema accepts, with every process, connection, initial packet and
 * exported port carried over, and a report of what has no Plexus equivalent.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { fromNodeRed, fromNoflo, GraphFile, loadGraph, parseFbp, toNoflo } from '@plexus/runner';
import { parse } from 'yaml';
import { fixtures } from './support/plexus.ts';

function convert(file: string) {
  const text = readFileSync(join(fixtures, 'noflo', file), 'utf8');
  const noflo = file.endsWith('.json') ? JSON.parse(text) : parseFbp(text);
  const { yaml, report } = fromNoflo(noflo, { name: 'converted', schema: 'graph.schema.json' });
  const graph = GraphFile.parse(parse(yaml));
  return { yaml, report, graph };
}

describe('plexus convert', () => {
  it('carries count.fbp over: common components mapped, config packets as params, the rest reported', () => {
    const { yaml, graph, report } = convert('count.fbp');
    expect(yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=graph.schema.json');
    expect(Object.keys(graph.components)).toEqual(['Read', 'Split', 'Count', 'Display']);
    expect(graph.components.Read).toMatchObject({
      use: '@plexus/components#ReadChunks',
      params: { path: 'package.json' },
    });
    expect(graph.components.Split?.use).toBe('@plexus/components#SplitLines');
    expect(graph.components.Display?.use).toBe('@plexus/components#ConsoleEcho');
    expect(graph.components.Count?.use).toBe('noflo:Counter');
    expect(graph.links).toEqual([
      'Read.out -> Split.in',
      'Split.out -> Count.in',
      'Count.count -> Display.in',
    ]);
    expect(graph.initial).toBeUndefined();
    expect(report).toContain(
      "component 'Count' uses the NoFlo component Counter, which has no Plexus equivalent; point its 'use' at a Plexus component (module#Export; plexus components lists the standard library).",
    );
    expect(report).toContain(
      'outport Read.error has no equivalent on @plexus/components#ReadChunks; its connection is dropped.',
    );
  });

  it('maps core/Kick, core/Repeat and core/Drop, Kick data becoming its expression', () => {
    const { graph } = convert('kick.fbp');
    expect(graph.components.Kick).toMatchObject({
      use: '@plexus/components#Map',
      params: { expression: '"go"' },
    });
    expect(graph.components.Again?.use).toBe('@plexus/components#Map');
    expect(graph.components.Bin).toMatchObject({
      use: '@plexus/components#Take',
      params: { count: 0 },
    });
    expect(graph.links).toEqual(['Kick.out -> Again.in', 'Again.out -> Bin.in']);
  });

  it('gives the same graph from the NoFlo JSON of the same program, and reports dropped editor positions', () => {
    const { graph, report } = convert('count.json');
    expect(graph.description).toBe('Converted from NoFlo graph Count lines in a file.');
    expect(graph.links).toEqual([
      'ReadFile.out -> SplitbyLines.in',
      'SplitbyLines.out -> CountLines.in',
      'CountLines.count -> Display.in',
    ]);
    expect(graph.components.ReadFile?.params).toEqual({ path: 'package.json' });
    expect(
      report.filter((line) => line.includes('(e.g. its position in an editor) is dropped')),
    ).toHaveLength(4);
  });

  it('turns INPORT/OUTPORT into exported boxes (BuildCar.fbp)', () => {
    const { graph } = convert('BuildCar.fbp');
    expect(graph.inboxes).toEqual({
      in: { to: 'Order.in', description: 'Exported from NoFlo inport in.' },
    });
    expect(graph.outboxes).toEqual({
      out: { from: 'Release.out', description: 'Exported from NoFlo outport out.' },
    });
    expect(graph.links).toContain('Split.c -> BuildChassis.in');
    expect(graph.links).toContain('BuildBody.out -> Combine.b');
  });

  it('converts a long chained graph (parse.fbp) with every process and initial packet', () => {
    const { graph } = convert('parse.fbp');
    expect(Object.keys(graph.components)).toHaveLength(18);
    // 26 arrows: 8 initial packets and 18 connections.
    expect(graph.links).toHaveLength(18);
    expect(Object.keys(graph.initial ?? {})).toHaveLength(8);
    expect(graph.initial?.['GetBody.key']).toEqual(['body']);
  });

  it('reports an .fbp syntax error at its line and column', () => {
    expect(() => parseFbp("'x' -> IN Read(ReadFile)\nRead() OUT ->")).toThrow(/Expected/);
  });
});

describe('plexus convert flows.json (Node-RED)', () => {
  const flows = JSON.parse(readFileSync(join(fixtures, 'nodered', 'flows.json'), 'utf8'));
  const { yaml, report } = fromNodeRed(flows, { name: 'flows', schema: 'graph.schema.json' });
  const graph = GraphFile.parse(parse(yaml));

  it('turns the function-less nodes into components, settings into params', () => {
    expect(
      Object.fromEntries(Object.entries(graph.components).map(([n, c]) => [n, c.use])),
    ).toEqual({
      readings: '@plexus/components#MqttIn',
      tick: '@plexus/components#Inject',
      'by-topic': '@plexus/components#Switch',
      label: '@plexus/components#Change',
      'alert-text': '@plexus/components#Template',
      delay: '@plexus/components#Delay',
      split: '@plexus/components#Split',
      join: '@plexus/components#Join',
      alerts: '@plexus/components#MqttOut',
      log: '@plexus/components#WriteLines',
      'http-request': '@plexus/components#HttpClient',
      debug: '@plexus/components#ConsoleEcho',
    });
    expect(graph.components.readings?.params).toEqual({
      url: 'mqtt://127.0.0.1:1883',
      topics: 'sensors/#',
      qos: 1,
      payload: 'json',
    });
    expect(graph.components.tick?.params).toEqual({
      payload: 21,
      topic: 'sensors/test/temperature',
      intervalMs: 10_000,
      once: true,
      delayMs: 100,
    });
    expect(graph.components['by-topic']?.params).toEqual({
      rules: [
        { when: '$contains($string(topic), "temperature")', to: 'out1' },
        { when: 'topic > 70', to: 'out2' },
      ],
      all: false,
    });
    expect(graph.components.label?.params).toEqual({
      rules: [
        { set: 'unit', value: 'C' },
        { move: 'payload', to: 'celsius' },
        { delete: 'qos' },
        { set: 'topic', expression: '$replace($string(topic), "sensors/", "")' },
      ],
    });
    expect(graph.components['alert-text']?.params).toEqual({
      template: '{{topic}} is at {{ celsius }} {{unit}}',
    });
    expect(graph.components.delay?.params).toEqual({ ms: 2000 });
    expect(graph.components.join?.params).toEqual({ mode: 'count', count: 3, property: 'payload' });
  });

  it('wires outputs to outboxes, and reports what it could not carry over', () => {
    expect(graph.links).toEqual([
      'readings.out -> by-topic.in',
      'tick.out -> by-topic.in',
      'tick.out -> http-request.in',
      'by-topic.out1 -> label.in',
      'by-topic.out2 -> debug.in',
      'label.out -> alert-text.in',
      'label.out -> split.in',
      'alert-text.out -> delay.in',
      'delay.out -> alerts.in',
      'delay.out -> log.in',
      'split.out -> join.in',
      'join.out -> debug.in',
      'http-request.out -> debug.in',
    ]);
    expect(report).toEqual(
      expect.arrayContaining([
        "comment 'Readings in, alerts out' is dropped.",
        "node 'custom' (function) holds JavaScript, which a graph file cannot; write it as a component (or a JSONata Map) — it is left out.",
        "the wire from 'by-topic' to 'custom' (function) is dropped: that node was not converted.",
      ]),
    );
  });

  it("carries a join's timeout over, in milliseconds", () => {
    const join = (timeout: string) => ({
      id: 'j',
      type: 'join',
      mode: 'custom',
      build: 'array',
      count: '5',
      timeout,
      wires: [],
    });
    const converted = (timeout: string) => {
      const { yaml, report } = fromNodeRed([join(timeout)], { name: 'j', schema: 's.json' });
      return { params: Object.values(GraphFile.parse(parse(yaml)).components)[0]?.params, report };
    };
    expect(converted('2.5')).toEqual({
      params: { mode: 'count', count: 5, property: 'payload', timeoutMs: 2500 },
      report: [],
    });
    expect(converted('soon').report).toEqual([
      expect.stringContaining("its timeout 'soon' is not a number of seconds"),
    ]);
  });

  it('makes a graph file that loads and checks', async () => {
    // Inside the workspace, where '@plexus/components' resolves as it does in a user's project.
    const dir = mkdtempSync(join(__dirname, 'fixtures', 'nodered-scratch-'));
    try {
      const path = join(dir, 'flows.graph.yaml');
      writeFileSync(path, yaml);
      const { diagnostics } = await loadGraph(path);
      // The switch's 'otherwise' went to the function node, which was left out: optional, so fine.
      expect(diagnostics.map((d) => d.message)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('plexus convert graph.yaml (to NoFlo JSON)', () => {
  it('carries components, links, initial messages and exported boxes over; params go into metadata', () => {
    const file = GraphFile.parse(
      parse(`
description: Shout.
components:
  read: { use: "@plexus/components#ReadLines", params: { path: in.txt } }
  shout: { use: ./shout.ts#Shout, backend: worker }
links: [read.out -> shout.in]
initial: { shout.in: [hello] }
outboxes: { out: { from: shout.out, description: Shouted. } }
`),
    );
    const { noflo, report } = toNoflo(file, 'shout');
    expect(noflo).toEqual({
      properties: { name: 'shout', description: 'Shout.' },
      processes: {
        read: {
          component: 'plexus/ReadLines',
          metadata: { plexus: { params: { path: 'in.txt' } } },
        },
        shout: { component: './shout.ts#Shout', metadata: { plexus: { backend: 'worker' } } },
      },
      connections: [
        { src: { process: 'read', port: 'out' }, tgt: { process: 'shout', port: 'in' } },
        { data: 'hello', tgt: { process: 'shout', port: 'in' } },
      ],
      inports: {},
      outports: { out: { process: 'shout', port: 'out' } },
    });
    expect(report).toHaveLength(2);
  });
});
