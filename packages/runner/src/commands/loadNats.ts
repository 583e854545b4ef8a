/**
 * `@plexus/nats`, loaded only by the commands and flags that use NATS (`--nats`, `plexus node`,
 * `plexus nodes`). It is an optional peer of `@plexus/runner`: a project that never runs on
 * NATS does not install the NATS client. Without it, the command says what to install.
 */
import type { Output } from '../output.ts';

type Nats = typeof import('@plexus/nats');

/** The NATS backend's package, or undefined once `output` has said how to install it. */
export async function loadNats(command: string, output: Output): Promise<Nats | undefined> {
  try {
    return await import('@plexus/nats');
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    const missing =
      (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
      String(message).includes('@plexus/nats');
    if (!missing) throw error;
    output.err(
      `plexus ${command}: NATS needs the package @plexus/nats, which this project does not have; install it beside @plexus/runner (npm install @plexus/nats) and run the command again.`,
    );
    return undefined;
  }
}
