/**
 * Every error `@plexus/inspector` raises, in one table: an {@link InspectorError} with a
 * stable `code` and a full sentence that names the thing and says the fix. Match on `code`
 * (`isPlexusError(error, 'ERR_INSPECT_TOKEN')` works too), never on the class.
 */

/**
 * The codes of the errors this package raises.
 *
 * Stable: match them with `isPlexusError(error, 'ERR_INSPECT_UNREACHABLE')`, never on the
 * message or the class.
 *
 * @example
 * ```ts
 * import { isPlexusError } from '@plexus/core';
 * import type { InspectorErrorCode } from '@plexus/inspector';
 *
 * const unreachable: InspectorErrorCode = 'ERR_INSPECT_UNREACHABLE';
 * export const isUnreachable = (error: unknown) => isPlexusError(error, unreachable);
 * ```
 */
export type InspectorErrorCode =
  | 'ERR_INSPECT_BAD_TOKEN'
  | 'ERR_INSPECT_ATTACHED'
  | 'ERR_INSPECT_NO_PAGE'
  | 'ERR_INSPECT_BAD_URL'
  | 'ERR_INSPECT_UNREACHABLE'
  | 'ERR_INSPECT_TOKEN'
  | 'ERR_INSPECT_ANSWER';

/**
 * An error of the inspector: a full sentence and a stable `code`.
 *
 * @example
 * ```ts
 * import { InspectorError } from '@plexus/inspector';
 *
 * export function explain(error: unknown): string {
 *   return error instanceof InspectorError ? `${error.code}: ${error.message}` : String(error);
 * }
 * ```
 */
export class InspectorError extends Error {
  override name = 'InspectorError';

  constructor(
    readonly code: InspectorErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const Errors = {
  badToken: () =>
    new InspectorError(
      'ERR_INSPECT_BAD_TOKEN',
      'An inspector token must be at least 16 letters, digits, _, -, . or ~; leave it out to get a random one.',
    ),
  attached: (watched: string, other: string) =>
    new InspectorError(
      'ERR_INSPECT_ATTACHED',
      `This inspector already watches graph '${watched}'; make another with inspector() for graph '${other}'.`,
    ),
  noPage: (path: string) =>
    new InspectorError(
      'ERR_INSPECT_NO_PAGE',
      `The inspector's page is missing (${path}): reinstall @plexus/inspector, whose package carries it, or, in a checkout of Plexus, build it with \`npx --yes pnpm@10.34.9 build\`.`,
    ),
  badUrl: (url: string) =>
    new InspectorError(
      'ERR_INSPECT_BAD_URL',
      `'${url}' is not an inspector's address; give the one \`plexus run --inspect\` printed, like http://127.0.0.1:8080/?token=….`,
    ),
  unreachable: (origin: string, cause: unknown) =>
    new InspectorError(
      'ERR_INSPECT_UNREACHABLE',
      `Could not reach the inspector at ${origin} (${(cause as Error)?.cause ?? (cause as Error)?.message ?? cause}); is the run still going?`,
      { cause },
    ),
  token: (origin: string) =>
    new InspectorError(
      'ERR_INSPECT_TOKEN',
      `The inspector at ${origin} refused the token; use the whole address it printed, ?token=… included.`,
    ),
  answer: (origin: string, status: number, text: string) =>
    new InspectorError(
      'ERR_INSPECT_ANSWER',
      `The inspector at ${origin} answered ${status} ${text}.`,
    ),
};
