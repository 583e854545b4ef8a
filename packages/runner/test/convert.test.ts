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
  it('carries count.fbp over: processes, links with lower-cased ports, the initial packet', () => {
    const { yaml, graph, report } = convert('count.fbp');
    expect(yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=graph.schema.json');
    expect(Object.keys(graph.components)).toEqual(['Read', 'Split', 'Count', 'Display']);
    expect(graph.links).toEqual([
      'Read.out -> Split.in',
      'Split.out -> Count.in',
      'Count.count -> Display.in',
      'Read.error -> Display.in',
    ]);
    expect(graph.initial).toEqual({ 'Read.in': ['package.json'] });
    expect(graph.components.Read?.use).toBe('noflo:ReadFile');
    expect(report).toContain(
      "component 'Read' uses the NoFlo component ReadFile; the closest Plexus component is @plexus/components#ReadChunks (streams the file as byte chunks; ReadLines reads it line by line): point its 'use' there, and check its params with plexus components.",
    );
  });

  it('gives the same graph from the NoFlo JSON of the same program, and reports dropped editor positions', () => {
    const { graph, report } = convert('count.json');
    expect(graph.description).toBe('Converted from NoFlo graph Count lines in a file.');
    expect(graph.links).toEqual([
      'ReadFile.out -> SplitbyLines.in',
      'ReadFile.error -> Display.in',
      'SplitbyLines.out -> CountLines.in',
      'CountLines.count -> Display.in',
    ]);
    expect(graph.initial).toEqual({ 'ReadFile.in': ['package.json'] });
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
