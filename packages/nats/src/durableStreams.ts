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

/** Make the link's stream if it is not there (both ends ask; the first makes it). */
export async function ensureStream(jsm: JetStreamManager, base: string): Promise<void> {
  await jsm.streams.add({
    name: streamName(base),
    subjects: [`${base}.d`],
    storage: StorageType.File,
  });
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
