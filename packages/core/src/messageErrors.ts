/**
 * The rows of the error table (`Errors` in errors.ts) for selective receive, calls and tagged
 * handlers, kept in their own file so the table's file stays short. Users match on `code`.
 */
import { type ErrorFacts, PlexusError } from './PlexusError.ts';

const who = (component: string, type: string): string => `Component '${component}' (${type})`;

/** Who a call was addressed to: the targets of the caller's outbox. */
const servers = (targets: readonly string[]): string =>
  targets.length === 0
    ? 'nothing (the outbox is not linked)'
    : targets.map((t) => `'${t}'`).join(', ');

/**
 * The rows for selective receive, calls and tagged handlers, spread into `Errors`.
 *
 * @internal
 */
export const messageErrors = {
  badMatch: (component: string, type: string, box: string, got: string) =>
    new PlexusError(
      'ERR_BAD_MATCH',
      `${who(component, type)} called receive() on inbox '${box}' with ${got}; pass a predicate function or a zod schema.`,
      { component, type, box },
    ),
  callTimeout: (
    facts: ErrorFacts & { component: string; type: string },
    outbox: string,
    targets: readonly string[],
    reply: string,
    ms: number,
    request: string,
  ) =>
    new PlexusError(
      'ERR_CALL_TIMEOUT',
      `${who(facts.component, facts.type)} called ${servers(targets)} through outbox '${outbox}' and got no reply on inbox '${reply}' within ${ms} ms (request ${request}). Check that the server answers every call (serve() or answer()) and that its replies are linked back to '${facts.component}.${reply}', or give the call a longer timeout.`,
      { ...facts, box: outbox, involved: request },
    ),
  callFailed: (
    facts: ErrorFacts & { component: string; type: string },
    server: string,
    outbox: string,
    request: string,
    cause: unknown,
  ) =>
    new PlexusError(
      'ERR_CALL_FAILED',
      `${who(facts.component, facts.type)} called '${server}' through outbox '${outbox}', which failed while handling the request ${request}: ${(cause as Error)?.message ?? String(cause)}`,
      { ...facts, box: outbox, involved: request, cause },
    ),
  callUnanswered: (
    facts: ErrorFacts & { component: string; type: string },
    outbox: string,
    targets: readonly string[],
    reply: string,
    request: string,
  ) =>
    new PlexusError(
      'ERR_CALL_UNANSWERED',
      `${who(facts.component, facts.type)} called ${servers(targets)} through outbox '${outbox}', but every link into its reply inbox '${reply}' closed before the reply came (request ${request}): the server ended without answering. Have the server answer every call before it returns.`,
      { ...facts, box: outbox, involved: request },
    ),
  unknownTag: (component: string, type: string, box: string, tag: string, known: string) =>
    new PlexusError(
      'ERR_UNKNOWN_TAG',
      `${who(component, type)} received a message tagged ${tag} on inbox '${box}', which has no handler for it (its tags are: ${known}). Add a handler for it, or give defineHandlers an 'unknown' function to ignore or log such messages.`,
      { component, type, box, involved: tag },
    ),
};
