/**
 * The JetStream streams of durable links: one per link, named after its subjects, made by
 * whichever end comes first, and deleted by the coordinator as the units at the link's ends
 * end (after the run) or when the backend closes.
 */
import { type JetStreamManager, jetstreamManager, StorageType } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { UnitRef } from '@plexus/core/backend';

/** The JetStream stream of the link whose subjects start with `base`. */
export const streamName = (base: string): string => base.replaceAll('.', '_');

/**
 * How many servers a durable link's stream is kept on: as many as the cluster of the server
 * `nc` is connected to has, up to three (a stream on three survives one's death; the servers
 * tell their clients every member's address); one without a cluster.
 */
export function streamReplicas(nc: NatsConnection): number {
  const info = nc.info;
  if (info?.cluster === undefined) return 1;
  return Math.min(3, Math.max(1, info.connect_urls?.length ?? 1));
}

/**
 * Make the link's stream if it is not there (both ends ask; the first makes it), on
 * `replicas` servers — or on one if the cluster cannot hold that many (members without
 * JetStream).
 */
export async function ensureStream(
  jsm: JetStreamManager,
  base: string,
  replicas = 1,
): Promise<void> {
  const name = streamName(base);
  try {
    await jsm.streams.add({
      name,
      subjects: [`${base}.d`],
      storage: StorageType.File,
      num_replicas: replicas,
    });
  } catch (error) {
    // The other end made it first, counting another number of servers.
    if (
      await jsm.streams.info(name).then(
        () => true,
        () => false,
      )
    )
      return;
    if (replicas > 1) return ensureStream(jsm, base, 1);
    throw error;
  }
}

/** A coordinator's record of its durable links' streams, by the units at their ends. */
export interface DurableStreams {
  /** A durable link between `ends` (undefined: this coordinator's own components). */
  add(base: string, ends: readonly (UnitRef | undefined)[]): void;
  /** Delete the streams of `unit`'s links (it has ended), or of every link (undefined). */
  end(unit: string | undefined): Promise<void>;
}

export function durableStreams(nc: NatsConnection): DurableStreams {
  const streams = new Map<string, Set<string>>();
  return {
    add(base, ends) {
      for (const end of ends) {
        const key = end?.unit ?? '';
        streams.set(key, (streams.get(key) ?? new Set()).add(base));
      }
    },
    async end(unit) {
      const bases = new Set<string>();
      for (const [key, of] of streams) {
        if (unit !== undefined && key !== unit) continue;
        for (const base of of) bases.add(base);
        streams.delete(key);
      }
      if (bases.size === 0) return;
      const jsm = await jetstreamManager(nc).catch(() => undefined);
      await Promise.all(
        [...bases].map((base) => jsm?.streams.delete(streamName(base)).catch(() => {})),
      );
    },
  };
}
