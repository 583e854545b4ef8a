/**
 * The prefix of a link end's `socket` that names NATS subjects rather than a socket path. Its
 * own module: the unit host (unitHost.ts) maps stacks when it is imported, which only its own
 * child process may do.
 */
export const NATS_SPEC = 'nats:';

/** A NATS end's `socket` is `nats:<base>`, with `#durable` or `#tagged` for a durable link. */
const DURABLE = /#(durable|tagged)$/;

/** What a NATS end's `socket` says: the link's subjects, whether it is durable and tagged. */
export interface NatsEnd {
  readonly base: string;
  readonly durable: boolean;
  /** Its sender tags what it sends with the input it handles (durable links only). */
  readonly tagged: boolean;
}

/** The `socket` of a NATS end. */
export const natsSocket = ({ base, durable, tagged }: NatsEnd): string =>
  `${NATS_SPEC}${base}${durable ? (tagged ? '#tagged' : '#durable') : ''}`;

/** Read a NATS end's `socket`. */
export function natsEnd(socket: string): NatsEnd {
  const suffix = DURABLE.exec(socket);
  return {
    base: socket.slice(NATS_SPEC.length, suffix === null ? undefined : suffix.index),
    durable: suffix !== null,
    tagged: suffix?.[1] === 'tagged',
  };
}
