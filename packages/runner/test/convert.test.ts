/**
 * `plexus convert` on real NoFlo graphs (from the NoFlo repository): the result is a graph
 * file the loader's schema accepts, with every process, connection, initial packet and
 * exported port carried over, and a report of what has no Plexus equivalent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { fromNoflo, GraphFile, parseFbp } from '@plexus/runner';
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
      "component 'Count' uses the NoFlo component Counter, which has no Plexus equivalent; point its 'use' at a Plexus component (module#Export).",
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
