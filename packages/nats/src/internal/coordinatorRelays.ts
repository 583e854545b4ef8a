/**
 * The links a coordinator relays between its own worker and process units (a Unix socket in a
 * directory of its own, made on first use) and units on node agents (NATS subjects), by the
 * name of the NATS unit at the far end: they end with that unit, or all at once on close.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { type Relay, relayLink } from './relayLink.ts';

export class CoordinatorRelays {
  private readonly relays = new Map<string, Relay[]>();
  private dir: string | undefined;

  constructor(private readonly nc: NatsConnection) {}

  /**
   * Relay link `link` (subjects under `base`) for the NATS unit `unit`; resolves the socket
   * path the local unit connects to. `toNats`: the local unit is the sender.
   */
  add(
    unit: string,
    link: number,
    base: string,
    toNats: boolean,
    durable: { readonly tagged: boolean } | undefined,
  ): string {
    this.dir ??= mkdtempSync(join(tmpdir(), 'plexus-relay-'));
    const socket = join(this.dir, `${link}.sock`);
    const relay = relayLink(this.nc, base, socket, toNats, durable);
    this.relays.set(unit, [...(this.relays.get(unit) ?? []), relay]);
    return socket;
  }

  /** End the relays of `unit`. */
  end(unit: string): void {
    for (const relay of this.relays.get(unit) ?? []) relay.destroy();
    this.relays.delete(unit);
  }

  /** End every relay and remove their directory. */
  close(): void {
    for (const unit of [...this.relays.keys()]) this.end(unit);
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
  }
}
