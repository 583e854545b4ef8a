/**
 * A unit's reports (its events, its death) from its node to the coordinator, over a link of
 * their own: numbered, kept by the node until the coordinator acknowledges them, and sent again
 * when a NATS server that dies takes some with it (natsEndpoint.ts), so the coordinator gets
 * each once, in order. Each incarnation of the unit (a restart is a new one) reports on
 * subjects of its own, `plexus.run.<run>.u.<unit>.ev.<node>.<incarnation>`, as the numbers
 * start again; only the current incarnation's reports are the unit's (a stale copy on a node
 * cut off, not dead, is not).
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { type NatsEndpoint, natsEndpoint } from './natsEndpoint.ts';
import { unitEvents } from './subjects.ts';
import type { UnitReport } from './wire.ts';

/** How long an end stays after its incarnation, for the other end to hear that all arrived. */
const LINGER_MS = 5_000;
/** How long a node waits for the coordinator to have a dead unit's last reports. */
const SETTLE_MS = 30_000;

const reportBase = (run: string, unit: number, node: string, incarnation: number) =>
  `${unitEvents(run, unit, node)}.${incarnation}`;

/** The coordinator's end of one unit's reports, across its incarnations. */
export interface ReportReceiver {
  /** The incarnation whose reports it takes now. */
  readonly incarnation: number;
  /** Take the reports of the next incarnation, on `node` (and no more of this one's); returns its number. */
  renew(node: string): number;
  close(): void;
}

export function reportReceiver(
  nc: NatsConnection,
  run: string,
  unit: number,
  node: string,
  onReport: (report: UnitReport) => void,
): ReportReceiver {
  let incarnation = 0;
  const open = (): NatsEndpoint => {
    const end = natsEndpoint(nc, reportBase(run, unit, node, incarnation), true);
    end.addEventListener('message', (event) => {
      if (end === current) onReport(event.data as UnitReport);
    });
    return end;
  };
  let current = open();
  return {
    get incarnation() {
      return incarnation;
    },
    renew(on) {
      const old = current;
      setTimeout(() => old.destroy?.(), LINGER_MS).unref();
      incarnation++;
      node = on;
      current = open();
      return incarnation;
    },
    close() {
      const last = current;
      setTimeout(() => last.destroy?.(), LINGER_MS).unref();
    },
  };
}

/** The node's end of the reports of one incarnation of a unit. */
export interface ReportSender {
  send(report: UnitReport): void;
  /** No more reports: once the coordinator has them all (or after a while), let go. */
  close(): void;
}

export function reportSender(
  nc: NatsConnection,
  run: string,
  unit: number,
  node: string,
  incarnation: number,
): ReportSender {
  const end = natsEndpoint(nc, reportBase(run, unit, node, incarnation), false);
  return {
    send: (report) => end.postMessage(report),
    close() {
      void end
        .settled(SETTLE_MS)
        .catch(() => {})
        .finally(() => end.destroy?.());
    },
  };
}
