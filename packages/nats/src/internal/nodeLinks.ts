/**
 * A node's part in links made while a graph runs: a unit's component links to a component
 * elsewhere (the node asks the coordinator, which makes the other end, and hands the answer
 * down), or the coordinator adds a link's end to the unit (the node hands it down and answers
 * with what the unit said). Socket ends within the node become paths in the run's directory
 * on the way down, as they do in a unit's plan.
 */
import type { ChildProcess } from 'node:child_process';
import { deserialize, serialize } from 'node:v8';
import type { NatsConnection } from '@nats-io/transport-node';
import { type ErrorData, toErrorData } from '@plexus/core';
import type { LinkReply, PlannedBoundary } from '@plexus/core/backend';
import { localBoundary, localSocket } from './localSockets.ts';
import { unitLinks } from './subjects.ts';
import type { ToNode, ToUnit } from './unitMessages.ts';
import type { AttachReply } from './wire.ts';

/** How long the coordinator may take to make a link's other end. */
const LINK_TIMEOUT_MS = 30_000;

/** The link traffic of one unit's child process. */
export interface NodeLinks {
  /** Handle a message from the child if it is about links (true), else leave it (false). */
  received(message: ToNode): boolean;
  /** Add a link's end to the unit; resolves with what it said. */
  attach(boundary: PlannedBoundary): Promise<AttachReply>;
}

export function nodeLinks(
  nc: NatsConnection,
  child: ChildProcess,
  run: string,
  unit: number,
  runDir: string,
): NodeLinks {
  const send = (message: ToUnit) => {
    try {
      child.send(message);
    } catch {
      // The unit is gone; its exit is reported.
    }
  };
  let attaching = 0;
  const waiting = new Map<number, (error: ErrorData | undefined) => void>();
  child.once('exit', () => {
    const gone: ErrorData = { name: 'Error', message: `The unit of run ${run} has exited.` };
    for (const done of waiting.values()) done(gone);
    waiting.clear();
  });
  return {
    received(message) {
      if (message[0] === 'attached') {
        waiting.get(message[1])?.(message[2]);
        waiting.delete(message[1]);
        return true;
      }
      if (message[0] !== 'link') return false;
      const [, n, request] = message;
      nc.request(unitLinks(run, unit), serialize(request), { timeout: LINK_TIMEOUT_MS }).then(
        (msg) => {
          const reply = deserialize(msg.data) as LinkReply;
          send([
            'linked',
            n,
            'endpoint' in reply ? { endpoint: localSocket(reply.endpoint, runDir) } : reply,
          ]);
        },
        (error: unknown) => send(['linked', n, { error: toErrorData(error) }]),
      );
      return true;
    },
    attach(boundary) {
      const n = attaching++;
      return new Promise((resolve) => {
        waiting.set(n, (error) => resolve(error === undefined ? {} : { error }));
        send(['attach', n, localBoundary(boundary, runDir)]);
      });
    },
  };
}
