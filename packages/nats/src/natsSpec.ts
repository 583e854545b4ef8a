/**
 * The prefix of a link end's `socket` that names NATS subjects rather than a socket path. Its
 * own module: the unit host (unitHost.ts) maps stacks when it is imported, which only its own
 * child process may do.
 */
export const NATS_SPEC = 'nats:';
