/**
 * `plexus run --inspect [port]`: start the inspector before the run, on 127.0.0.1 (or
 * `--inspect-host`), and print its address, token included. Loaded only when asked for, so a
 * run without it loads nothing of it.
 */
import type { Inspector } from '@plexus/inspector';
import { type Output, paint } from '../output.ts';

export interface InspectFlags {
  /** `--inspect` alone (true), or with a port. */
  readonly inspect?: boolean | string;
  readonly inspectHost?: string;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** The inspector, none if not asked for, or the exit code of a usage error (printed). */
export async function startInspector(
  flags: InspectFlags,
  output: Output,
): Promise<Inspector | number | undefined> {
  if (flags.inspect === undefined && flags.inspectHost === undefined) return undefined;
  const port = flags.inspect === undefined || flags.inspect === true ? 0 : Number(flags.inspect);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    output.err(
      `plexus run: --inspect takes a port number from 0 to 65535 (or nothing, for a free port), not '${flags.inspect}'`,
    );
    return 2;
  }
  const host = flags.inspectHost ?? '127.0.0.1';
  const token = process.env.PLEXUS_INSPECT_TOKEN;
  const { inspector } = await import('@plexus/inspector');
  let made: Inspector;
  try {
    made = inspector({
      port,
      host,
      ...(token === undefined || token === '' ? {} : { token }),
      onListening: (url) => output.err(`plexus: inspector at ${url}`),
    });
  } catch (error) {
    output.err(`plexus run: PLEXUS_INSPECT_TOKEN: ${(error as Error).message}`);
    return 2;
  }
  try {
    await made.ready;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'EADDRINUSE'
        ? 'something else uses that port; pick another, or give --inspect alone for a free one'
        : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND'
          ? `this machine has no interface '${host}'`
          : (error as Error).message;
    output.err(`plexus run: the inspector could not listen on ${host}:${port}: ${why}`);
    return 2;
  }
  if (!LOOPBACK.test(host)) {
    output.err(
      paint(
        output,
        'yellow',
        `plexus: the inspector listens on ${host}: anyone who can reach this machine and has the address above can watch the run`,
      ),
    );
  }
  return made;
}
