/**
 * The state of a component instance that few instances ever use — why it stopped, its abort
 * signals, its restarts, the remote unit it stands for — kept in an object of its own, made
 * on first use. A plain instance then carries one field for all of it instead of thirteen,
 * which matters when a graph holds a million of them (every byte of a young object that
 * survives is copied twice by the garbage collector).
 */
import type { FullPolicy } from '../SupervisePolicy.ts';
import type { Sequencer } from './boundary/Sequencer.ts';
import type { InboxImpl } from './InboxImpl.ts';
import type { Link } from './Link.ts';
import type { RunUnit } from './Run.ts';

export class RunExtras {
  /** Why it was stopped (`stop`, `downstream-ended`, `unresponsive`…). */
  reason: string | undefined = undefined;
  /** The inbox that took a message last, while its inboxes are `noted` (several, or watching). */
  lastInbox: InboxImpl | undefined = undefined;
  /** The link the last message came from (recorded while watching), to retry it after a crash. */
  lastLink: Link | undefined = undefined;
  /** Set when the instance runs in another unit (thread or process): it is then a proxy. */
  unit: RunUnit | undefined = undefined;
  /** Its own restart policy, if it was added with one. */
  supervise: FullPolicy | undefined = undefined;
  /**
   * The supervisor that handles its crashes, once looked up (`null`: none, as set in a unit);
   * an inline instance with none is not given one, since finding none again costs little.
   * Typed loosely: it is the supervision floor's (`supervisorOf`), above the run.
   */
  supervisor: object | null | undefined = undefined;
  /** How many times it has been restarted. */
  restarts = 0;
  controller: AbortController | undefined = undefined;
  stopReason: Error | undefined = undefined;
  /** Set once a graceful stop has begun (the reason `draining` aborts with). */
  drainReason: Error | undefined = undefined;
  drainController: AbortController | undefined = undefined;
  /** The inboxes it last waited on again after they had ended (`inbox 'in'`), and when. */
  endedWait: string | undefined = undefined;
  endedWaitAt = 0;
  /** Set on an ordered replica: tags what it sends with the input it is handling. */
  sequencer: Sequencer | undefined = undefined;
  /** A generator body's continuations after a promise it yielded (made on the first one). */
  onValue: ((value: unknown) => void) | undefined = undefined;
  onReason: ((reason: unknown) => void) | undefined = undefined;
}

/**
 * Give `prototype` an accessor for each field of {@link RunExtras}: it reads the field of
 * `this.extras`, or its default while there is none, and writes it there, making `extras` only
 * when a value other than the default is written.
 */
export function extrasAccessors(prototype: object): void {
  const defaults = new RunExtras() as unknown as Record<string, unknown>;
  for (const key of Object.keys(defaults)) {
    const initial = defaults[key];
    Object.defineProperty(prototype, key, {
      configurable: true,
      get(this: { extras: Record<string, unknown> | undefined }) {
        const extras = this.extras;
        return extras === undefined ? initial : extras[key];
      },
      set(this: { extras: Record<string, unknown> | undefined }, value: unknown) {
        let extras = this.extras;
        if (extras === undefined) {
          if (value === initial) return;
          extras = this.extras = new RunExtras() as unknown as Record<string, unknown>;
        }
        extras[key] = value;
      },
    });
  }
}
