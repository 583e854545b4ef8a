/** Helpers of the expression components' tests. */
import { type Definition, runComponent } from '@plexus/core';

/** Run `definition` on `messages` with `params`; every outbox's messages. */
export function run(
  definition: Definition,
  params: Record<string, unknown>,
  messages: readonly unknown[],
): Promise<Record<string, unknown[]>> {
  return runComponent(definition as never, { in: messages } as never, { params } as never);
}

/** The failure of running it, as an error whose cause has a code. */
export async function failure(
  definition: Definition,
  params: Record<string, unknown>,
  messages: readonly unknown[],
): Promise<Error & { cause?: { code?: string; message?: string } }> {
  return run(definition, params, messages).then(
    () => {
      throw new Error('expected the run to fail');
    },
    (error: unknown) => error as Error & { cause?: { code?: string } },
  );
}
