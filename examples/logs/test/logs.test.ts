import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from '@jest/globals';
import { runComponent } from '@plexus/core';
import { accessLog } from '../generate.ts';
import { DropHealthChecks, type LogEntry, type MinuteStats, PerMinute, Report } from '../logs.ts';

const run = promisify(execFile);
const root = resolve(__dirname, '../../..');
const plexus = join(root, 'packages/runner/bin/plexus.mjs');
const graph = 'examples/logs/logs.graph.yaml';
const scratch = mkdtempSync(join(tmpdir(), 'plexus-logs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The report for access.ndjson (the README quotes it). */
const REPORT = `minute (UTC)      requests  5xx  p50 ms  p95 ms  slowest
2024-05-01 09:00        82    0      31     189  GET /api/search (288 ms)
2024-05-01 09:01       103    1      29     191  POST /api/orders (357 ms)
2024-05-01 09:02        98    1      20     191  POST /api/orders (267 ms)
2024-05-01 09:03        81    0      29     173  POST /api/orders (269 ms)
2024-05-01 09:04        41    1      21      89  GET /api/search (109 ms)
2024-05-01 09:05        38    0      49     191  GET /api/search (248 ms)
2024-05-01 09:06        56   12     161   1,185  GET /api/search (1,595 ms)
2024-05-01 09:07        78   15     167   1,091  GET /api/search (1,370 ms)
2024-05-01 09:08       114    2      30     197  GET /api/search (415 ms)
2024-05-01 09:09        81    0      41     229  GET /api/search (299 ms)
10 minutes, 772 requests, 32 failed (5xx); 2 log lines were not JSON and skipped.
`;

function request(time: string, ms: number, status = 200, path = '/api/orders'): LogEntry {
  return { time, level: status >= 500 ? 'error' : 'info', method: 'GET', path, status, ms };
}

describe('the log', () => {
  test('access.ndjson is what generate.ts makes', () => {
    const file = readFileSync(join(root, 'examples/logs/access.ndjson'), 'utf8');
    expect(file).toBe(`${accessLog().join('\n')}\n`);
    expect(accessLog({ seed: 2 })).not.toEqual(accessLog());
  });
});

describe('the components', () => {
  test('DropHealthChecks leaves out /health', async () => {
    const entries = [
      request('2024-05-01T09:00:00Z', 1, 200, '/health'),
      request('2024-05-01T09:00:01Z', 5),
    ];
    const { out } = await runComponent(DropHealthChecks, { in: entries });
    expect(out).toEqual([entries[1]]);
  });

  test('PerMinute sends each minute once the log is two minutes past it, and counts late entries', async () => {
    const { out } = await runComponent(PerMinute, {
      in: [
        request('2024-05-01T09:00:10Z', 10),
        request('2024-05-01T09:00:20Z', 30, 503),
        request('2024-05-01T09:01:05Z', 20),
        request('2024-05-01T09:00:59Z', 40), // a minute behind: still open
        request('2024-05-01T09:02:00Z', 5),
        request('2024-05-01T09:00:30Z', 50), // 09:00 was sent when 09:02 began: late
        request('2024-05-01T09:04:00Z', 7),
      ],
    });
    const minutes = out as MinuteStats[];
    expect(
      minutes.map((m) => [m.minute, m.requests, m.failed, m.p50, m.p95, m.slowestMs, m.late]),
    ).toEqual([
      ['2024-05-01 09:00', 3, 1, 30, 40, 40, 0],
      ['2024-05-01 09:01', 1, 0, 20, 20, 20, 1],
      ['2024-05-01 09:02', 1, 0, 5, 5, 5, 0],
      ['2024-05-01 09:04', 1, 0, 7, 7, 7, 0],
    ]);
  });

  test('Report writes a row per minute and the totals, with what could not be read', async () => {
    const minute: MinuteStats = {
      minute: '2024-05-01 09:00',
      requests: 1234,
      failed: 5,
      p50: 12,
      p95: 1500,
      slowest: 'GET /api/search',
      slowestMs: 2048,
      late: 1,
    };
    const { out } = await runComponent(Report, { in: [minute], invalid: ['{"cut', '{"also'] });
    expect(out).toEqual([
      'minute (UTC)      requests  5xx  p50 ms  p95 ms  slowest',
      '2024-05-01 09:00     1,234    5      12   1,500  GET /api/search (2,048 ms)',
      '1 minutes, 1,234 requests, 5 failed (5xx); 1 arrived too late to count; 2 log lines were not JSON and skipped.',
    ]);
  });
});

describe('the example', () => {
  test('the graph file prints the report', async () => {
    const { stdout, stderr } = await run(process.execPath, [plexus, 'run', graph], { cwd: root });
    expect(stdout).toBe(REPORT);
    expect(stderr).toBe('');
  });

  test('--set write.path writes it to a file instead', async () => {
    const path = join(scratch, 'report.txt');
    const { stdout } = await run(
      process.execPath,
      [plexus, 'run', graph, '--set', `write.path=${path}`],
      {
        cwd: root,
      },
    );
    expect(stdout).toBe('');
    expect(readFileSync(path, 'utf8')).toBe(REPORT);
  });

  test('--set read.path="-" reads the log from stdin', async () => {
    const child = spawn(
      process.execPath,
      [plexus, 'run', graph, '--set', 'read.path=-', '--backend', 'inline'],
      {
        cwd: root,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stdin.end(readFileSync(join(root, 'examples/logs/access.ndjson')));
    const code = await new Promise((done) => child.on('close', done));
    expect(code).toBe(0);
    expect(stdout).toBe(REPORT);
  });
});
