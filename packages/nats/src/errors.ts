/**
 * Every error the NATS backend raises, in one table. Each is a PlexusError (a `code` to match
 * on, a sentence that names the thing and says the fix); errors that cross NATS travel as data.
 */
import { fromErrorData } from '@plexus/core';

function error(code: string, message: string): Error {
  return fromErrorData({ name: 'PlexusError', code, message });
}

export const NatsErrors = {
  badNodeName: (name: string) =>
    error(
      'ERR_NATS_BAD_NODE_NAME',
      `Node name ${JSON.stringify(name)} is not valid: use letters, digits, '_' or '-' (it becomes part of NATS subjects).`,
    ),
  nameTaken: (name: string, host: string) =>
    error(
      'ERR_NATS_NODE_NAME_TAKEN',
      `A node named '${name}' is already up (on host ${host}): give this one another --name.`,
    ),
  noMatchingNode: (unit: string, wanted: string, live: string) =>
    error(
      'ERR_NATS_NO_NODE',
      `No live node matches ${unit} (${wanted}); the live nodes are: ${live}. Start a node agent that matches (plexus node --nats <url> --name <n> --labels <a,b>), or change the placement.`,
    ),
  noDynamicLinks: (unit: string) =>
    error(
      'ERR_NATS_NO_DYNAMIC_LINKS',
      `A component of ${unit} made a link while running, but this run takes no links from its units: make the link before run().`,
    ),
  versionSkew: (node: string, host: string, nodeVersion: string, ours: string) =>
    error(
      'ERR_NATS_VERSION_SKEW',
      `Node '${node}' (host ${host}) runs Plexus ${nodeVersion} and this coordinator ${ours}: a unit built by one would run against the other's protocol. Run the same @plexus/nats version on both.`,
    ),
  nodeLost: (node: string, host: string, names: string, ms: number) =>
    error(
      'ERR_UNIT_DIED',
      `Node '${node}' (host ${host}) running ${names} on nats stopped heartbeating (nothing for ${ms} ms): it died, was partitioned from NATS, or is overloaded. Its units are lost, and so are the messages in flight on their non-durable links.`,
    ),
  nodeLostPinned: (node: string, host: string, names: string, ms: number) =>
    error(
      'ERR_UNIT_DIED',
      `Node '${node}' (host ${host}) running ${names} on nats stopped heartbeating (nothing for ${ms} ms), and its supervised unit was not started on another node: a link between it and another unit of that node is a Unix socket there, which cannot follow it. Make that link durable (it then crosses NATS) or place the two units on different nodes.`,
    ),
  noBackendConfig: () =>
    error(
      'ERR_NATS_NOT_CONNECTED',
      "A component is placed on 'nats', but no NATS backend was given: pass `await natsBackend({ servers })` from @plexus/nats to run(), or run the graph file with `plexus run --nats <url>`.",
    ),
  startTimeout: (node: string, unit: string, ms: number) =>
    error(
      'ERR_NATS_START_TIMEOUT',
      `Node '${node}' did not answer within ${ms} ms when asked to start ${unit}: is it still up (plexus nodes --nats <url>)?`,
    ),
  nodeGone: (node: string, host: string, unit: string) =>
    error(
      'ERR_NATS_NODE_GONE',
      `Node '${node}' (host ${host}) was chosen for ${unit}, but it has gone since its last heartbeat (nobody answers on its subject). Run again to place it on a live node, or start the node agent again.`,
    ),
  endNotAcknowledged: (subject: string, unacknowledged: number, ms: number) =>
    error(
      'ERR_LINK_LOST',
      `The other end of the link on '${subject}' did not acknowledge the last ${unacknowledged} NATS message${unacknowledged === 1 ? '' : 's'} this end sent before its unit could finish (its end of stream, or its last credits) within ${ms} ms: it is gone, or NATS between them is down, and what it had not received is lost.`,
    ),
  bundleMissing: (hash: string, node: string) =>
    error(
      'ERR_NATS_BUNDLE_MISSING',
      `Node '${node}' could not find bundle ${hash} in the JetStream object store 'plexus-bundles': is JetStream enabled on the NATS server (nats-server -js), and may the node read that bucket?`,
    ),
};
