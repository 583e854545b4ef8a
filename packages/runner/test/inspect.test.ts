/**
 * `plexus run --inspect` serves the run on 127.0.0.1 with a one-time token, and
 * `plexus inspect <url>` attaches to it from elsewhere, read-only, until the run ends.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { main } from '@plexus/runner';
import { finished, fixtures, plexus, start } from './support/plexus.ts';

const forever = join(fixtures, 'forever.graph.yaml');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Start `plexus run <graph> …flags` and resolve with the inspector's address it prints. */
async function running(
  flags: string[],
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = start(['run', forever, ...flags], env);
  children.push(child);
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const found = /plexus: inspector at (\S+)/.exec(stderr);
      if (found !== null) resolve(found[1]!);
    });
    child.on('exit', () => reject(new Error(`plexus run exited first:\n${stderr}`)));
  });
  return { child, url, stderr: () => stderr };
}

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (text) => {
      out += `${text}\n`;
    },
    err: (text) => {
      err += `${text}\n`;
    },
    color: false,
  });
  return { code, out, err };
}

describe('plexus run --inspect', () => {
  it('serves on 127.0.0.1 at a free port, with a token, and plexus inspect attaches until the run ends', async () => {
    const { child, url } = await running(['--inspect']);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url.replace(/\?token=.*/, ''))).status).toBe(401);
    const attached = capture(['inspect', url]);
    // Once the attached view has seen the run, stop it: the view ends with it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill('SIGINT');
    const { code, out, err } = await attached;
    expect(code).toBe(0);
    expect(out).toMatch(/^forever: stopped, 2 components/m);
    expect(out).toMatch(/^count\.out -> print\.in +[\d,]+ +[\d,]+ +\d+\/64$/m);
    expect(out).toMatch(/^count +stopped \(stop\) +inline$/m);
    expect(err).toContain('plexus inspect: the run stopped');
    expect((await finished(child)).code).toBe(130);
  }, 30_000);

  it('takes the port it is given, and a token from PLEXUS_INSPECT_TOKEN', async () => {
    const token = 'a-known-token-for-scripts';
    const probe = await running(['--inspect']);
    const port = Number(new URL(probe.url).port);
    probe.child.kill('SIGINT');
    await finished(probe.child);
    const { child, url } = await running(['--inspect', String(port)], {
      PLEXUS_INSPECT_TOKEN: token,
    });
    expect(url).toBe(`http://127.0.0.1:${port}/?token=${token}`);
    const attached = capture(['inspect', url, '--json']);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    child.kill('SIGINT');
    const json = await attached;
    expect(json.code).toBe(0);
    const first = JSON.parse(json.out.split('\n')[0]!) as {
      event: string;
      data: { graph: string };
    };
    expect(first).toMatchObject({ event: 'hello', data: { graph: 'forever' } });
    const last = JSON.parse(json.out.trim().split('\n').pop()!) as { event: string };
    expect(last).toEqual({ event: 'end', data: { status: 'stopped' } });
  }, 30_000);

  it('exits 2 for a port that is not one, saying what it takes', async () => {
    const { code, stderr } = await plexus(['run', forever, '--inspect', 'eighty']);
    expect(code).toBe(2);
    expect(stderr).toContain(
      "--inspect takes a port number from 0 to 65535 (or nothing, for a free port), not 'eighty'",
    );
  });
});

describe('plexus inspect', () => {
  it('exits 2 when the token is wrong, or nothing listens, saying so', async () => {
    const { child, url } = await running(['--inspect']);
    const wrong = await capture(['inspect', url.replace(/token=\w+/, `token=${'0'.repeat(48)}`)]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('refused the token; use the whole address it printed');
    child.kill('SIGINT');
    await finished(child);
    const gone = await capture(['inspect', url]);
    expect(gone.code).toBe(2);
    expect(gone.err).toMatch(/Could not reach the inspector at http:\/\/127\.0\.0\.1:\d+/);
    const bad = await capture(['inspect', 'not a url']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("'not a url' is not an inspector's address");
  }, 30_000);
});
