/**
 * Every error Plexus raises, in one table: each is a {@link PlexusError} with a stable `code`
 * and a message that names the thing involved and says the fix. Users match on `code`.
 */
import { messageErrors } from './messageErrors.ts';
import { type ErrorCode, type ErrorFacts, PlexusError, stackless } from './PlexusError.ts';
import { placementErrors } from './placementErrors.ts';

export type { ErrorCode, ErrorData, ErrorFacts } from './PlexusError.ts';
export { fromErrorData, isPlexusError, PlexusError, toErrorData } from './PlexusError.ts';

const who = (component: string, type: string): string => `Component '${component}' (${type})`;

/**
 * The constructors of every error the core raises: one place to read, word and test them.
 * Internal to the package; users match on `code`.
 *
 * @internal
 */
export const Errors = {
  ...messageErrors,
  ...placementErrors,
  badDefinition: (what: string, problem: string) =>
    new PlexusError('ERR_BAD_DEFINITION', `${what}: ${problem}.`),
  badName: (kind: string, name: unknown) =>
    new PlexusError(
      'ERR_BAD_NAME',
      `${kind} name ${JSON.stringify(name)} is not valid; use a letter or '_' followed by letters, digits, '_' or '-' (no '.', '/' or spaces).`,
    ),
  duplicateName: (scope: string, name: string) =>
    new PlexusError(
      'ERR_DUPLICATE_NAME',
      `${scope} already has a component named '${name}'; give each instance a unique name.`,
    ),
  noSuchComponent: (scope: string, name: string, hint: string, names: string) =>
    new PlexusError(
      'ERR_NO_SUCH_COMPONENT',
      `${scope} has no component named '${name}'${hint}. Its components are: ${names}.`,
    ),
  noSuchBox: (
    dir: 'in' | 'out',
    component: string,
    type: string,
    box: string,
    hint: string,
    names: string,
  ) =>
    new PlexusError(
      dir === 'in' ? 'ERR_NO_SUCH_INBOX' : 'ERR_NO_SUCH_OUTBOX',
      `${who(component, type)} has no ${dir}box '${box}'${hint}. Its ${dir}boxes are: ${names}.`,
      { component, type, box },
    ),
  noDefaultBox: (dir: 'in' | 'out', component: string, type: string, names: string) =>
    new PlexusError(
      'ERR_NO_DEFAULT_BOX',
      `${who(component, type)} has no default ${dir}box for pipeline(): it has no '${dir}' ${dir}box and not exactly one ${dir}box (it has: ${names}). Link it by box name with link().`,
      { component, type },
    ),
  badParams: (component: string, type: string, issues: string) =>
    new PlexusError(
      'ERR_BAD_PARAMS',
      `Params for ${who(component, type).replace('Component ', 'component ')} are not valid: ${issues}. Fix the params passed to add() (or the graph file's 'params').`,
      { component, type },
    ),
  badLink: (problem: string) => new PlexusError('ERR_BAD_LINK', problem),
  notDurable: (from: string, to: string, where: string) =>
    new PlexusError(
      'ERR_BAD_LINK',
      `Link ${from} -> ${to} is durable, but ${where}, where no store keeps its messages. Place one of its ends on nats (backend: 'nats'), or remove 'durable'.`,
    ),
  durableReplicas: (from: string, to: string) =>
    new PlexusError(
      'ERR_BAD_LINK',
      `Link ${from} -> ${to} is durable, but one of its ends has replicas, which durable links do not serve yet. Remove 'durable', or the replicas.`,
    ),
  linkRefused: (from: string, to: string, maker: string, reason: string, fix: string) =>
    new PlexusError(
      'ERR_BAD_LINK',
      `Link ${from} -> ${to}, made while the graph ran by a component in ${maker}, was refused: ${reason} ${fix}`,
    ),
  inboxEnded: (component: string, type: string, box: string) =>
    new PlexusError(
      'ERR_INBOX_ENDED',
      `${who(component, type)} has already seen the end of inbox '${box}', so nothing can be linked into it any more. Link a new component before the inbox's last link closes.`,
      { component, type, box },
    ),
  graphState: (graph: string, problem: string) =>
    new PlexusError('ERR_GRAPH_STATE', `Graph '${graph}' ${problem}`),
  unlinkedOutbox: (component: string, type: string, box: string) =>
    subjectError(
      'ERR_UNLINKED_OUTBOX',
      component,
      type,
      box,
      `sent a message on outbox '${box}', which is not linked to anything. Link the outbox, or declare it optional (box(schema, description, { optional: true })) to drop such messages.`,
    ),
  unlinkedInbox: (component: string, type: string, box: string) =>
    subjectError(
      'ERR_UNLINKED_INBOX',
      component,
      type,
      box,
      `has nothing linked into inbox '${box}'. Link it, or declare the inbox optional (box(schema, description, { optional: true })).`,
    ),
  outboxClosed: (component: string, type: string, box: string) =>
    subjectError(
      'ERR_OUTBOX_CLOSED',
      component,
      type,
      box,
      `sent on outbox '${box}' after its body had finished. Await every send inside the body.`,
    ),
  sendPending: (component: string, type: string, box: string) =>
    subjectError(
      'ERR_SEND_PENDING',
      component,
      type,
      box,
      `started a send on outbox '${box}' while another send on it was still waiting for room. Await each send before the next, so order is kept.`,
    ),
  waitPending: (component: string, type: string, box: string) =>
    subjectError(
      'ERR_WAIT_PENDING',
      component,
      type,
      box,
      `waited on inbox '${box}' twice at once. Await one wait() (or one for-await loop) per inbox at a time.`,
    ),
  badYield: (component: string, type: string, yielded: string) =>
    new PlexusError(
      'ERR_BAD_YIELD',
      `${who(component, type)} yielded ${yielded} from its generator body; yield one of its own inboxes (to wait for a message, as with wait()) or a promise (to wait for it, as with await).`,
      { component, type },
    ),
  recvEmpty: (component: string, type: string, box: string) =>
    subjectError(
      'ERR_RECV_EMPTY',
      component,
      type,
      box,
      `called recv() on inbox '${box}' while it was empty. Check dataReady() first, or await wait().`,
    ),
  schema: (component: string, type: string, box: string, issues: string, message: string) =>
    subjectError(
      'ERR_SCHEMA',
      component,
      type,
      box,
      `sent a message on outbox '${box}' that does not fit its schema: ${issues}. The message was ${message}. Fix the component, or widen the outbox's schema.`,
      message,
    ),
  inboxSchema: (
    component: string,
    type: string,
    box: string,
    from: string,
    issues: string,
    message: string,
  ) =>
    subjectError(
      'ERR_INBOX_SCHEMA',
      component,
      type,
      box,
      `received on inbox '${box}' a message from '${from}' that does not fit the inbox's schema: ${issues}. The message was ${message}. Make the schemas of '${from}' and the inbox agree.`,
      message,
    ),
  notCloneable: (
    component: string,
    type: string,
    box: string,
    path: string,
    what: string,
    fix: string,
  ) =>
    subjectError(
      'ERR_NOT_CLONEABLE',
      component,
      type,
      box,
      `sent a message on outbox '${box}' that cannot cross a thread or process boundary: ${path} is ${what}. ${fix}`,
    ),
  badTransfer: (component: string, type: string, box: string, problem: string) =>
    subjectError(
      'ERR_BAD_TRANSFER',
      component,
      type,
      box,
      `cannot transfer with the message on outbox '${box}': ${problem}`,
    ),
  mutatedAfterSend: (component: string, type: string, box: string, from: string, path: string) =>
    subjectError(
      'ERR_MUTATED_AFTER_SEND',
      component,
      type,
      box,
      `received on inbox '${box}' a message whose binary data at ${path} changed after '${from}' sent it. Messages are immutable once sent: send a copy, or transfer the buffer ({ transfer: [buffer] }).`,
    ),
  // A stop is control flow, thrown into a body from the scheduler: its stack would only show
  // Plexus internals, and capturing one for each of a million stopped components is costly.
  stopped: (who: string, reason = 'stop') =>
    Object.assign(
      stackless(
        () =>
          new PlexusError(
            'ERR_STOPPED',
            `${who} was stopped (${reason}). A component seeing this error should end; Plexus treats it as a stop, not a failure.`,
          ),
      ),
      { name: 'AbortError' },
    ),
  stopTimeout: (graph: string, ms: number, names: string) =>
    new PlexusError(
      'ERR_STOP_TIMEOUT',
      `Graph '${graph}' did not stop within ${ms} ms: ${names} kept running. Make long waits watch ctx.signal, and await inboxes and outboxes rather than timers.`,
    ),
  badSupervision: (who: string, problem: string) =>
    new PlexusError(
      'ERR_BAD_SUPERVISION',
      `The restart policy of ${who} is not valid: ${problem}.`,
    ),
  restartLimit: (failure: PlexusError, reason: string) =>
    new PlexusError(
      'ERR_RESTART_LIMIT',
      `${failure.message} ${reason}, so its supervisor gave up and the graph fails. Fix the cause, or change the restart policy (maxRestarts, withinMs, or where the group runs).`,
      { ...pickFacts(failure), cause: failure.cause ?? failure },
    ),
  restartTimeout: (graph: string, ms: number, names: string) =>
    new PlexusError(
      'ERR_STOP_TIMEOUT',
      `Graph '${graph}' could not restart a supervision group: ${names} did not stop within ${ms} ms to be restarted with it. Make long waits watch ctx.signal, and await inboxes and outboxes rather than timers.`,
    ),
  deadlock: (graph: string, ms: number, blocked: string, spinning: boolean) =>
    new PlexusError(
      'ERR_DEADLOCK',
      `Graph '${graph}' is deadlocked: for ${ms} ms every running component has been waiting on one of its boxes and no message has moved. ${blocked} ${spinning ? 'A body must end once its inbox has ended: when wait() resolves false, waitAny() undefined, or a for-await loop finishes. ' : ''}A cycle needs a message in it to start (or a component in it that ends it); otherwise look for a component waiting on an inbox that nothing will ever feed. Pass run({ deadlockTimeout: false }) if something outside the graph will wake it.`,
    ),
  stalled: (graph: string, waiting: string) =>
    new PlexusError(
      'ERR_STALLED',
      `Graph '${graph}' can never finish: the program has nothing left to do (no timer, socket, thread or process is pending that could wake a component), yet its components have not finished. ${waiting} A component awaiting something other than its boxes waits for a promise nothing will settle now (a callback never called, a forgotten resolve): settle it, or time it out; one waiting on a box waits for a message nobody will send.`,
    ),
  linkLost: (from: string, to: string, problem: string) =>
    new PlexusError(
      'ERR_LINK_LOST',
      `The link from '${from}' to '${to}' lost messages on their way (${problem}), so what its receiver got is incomplete and the graph fails rather than go on without them. Run the graph again once its transport is healthy (for NATS: its servers are back).`,
    ),
  undecodable: (from: string, to: string, problem: string) =>
    new PlexusError(
      'ERR_UNDECODABLE',
      `The link from '${from}' to '${to}' received data that could not be decoded (${problem}), so whatever sends on it is misbehaving and the graph fails. Data from other threads and processes is only ever decoded as data, never run as code.`,
    ),
  componentFailed: (
    facts: Required<Pick<ErrorFacts, 'component' | 'type' | 'backend' | 'where'>> & ErrorFacts,
    sentence: string,
    cause: unknown,
  ) =>
    new PlexusError(
      'ERR_COMPONENT_FAILED',
      `${who(facts.component, facts.type).slice(0, -1)}, ${facts.where}) ${sentence}`,
      { ...facts, cause },
    ),
};

function pickFacts(error: PlexusError): ErrorFacts {
  const facts: ErrorFacts = {};
  for (const key of ['component', 'type', 'backend', 'where', 'box', 'involved'] as const) {
    if (error[key] !== undefined) facts[key] = error[key];
  }
  return facts;
}

function subjectError(
  code: ErrorCode,
  component: string,
  type: string,
  box: string,
  detail: string,
  involved?: string,
): PlexusError {
  const facts: ErrorFacts & { detail: string } = { component, type, box, detail };
  if (involved !== undefined) facts.involved = involved;
  return new PlexusError(code, `${who(component, type)} ${detail}`, facts);
}
