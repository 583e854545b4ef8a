/**
 * The sender's end of a link that crosses a thread or process boundary. It holds credits, not
 * messages: it accepts a message while the receiver has promised room for it (the link's
 * capacity, at most), so a fast producer can never grow a slow consumer's memory. Accepted
 * messages are batched and posted when the batch fills or the producer yields (at the next
 * scheduler yield point), so throughput is not capped at one postMessage per message.
 */

import type { Endpoint } from '../../backend/Endpoint.ts';
import { holdsInstance } from '../../backend/holdsInstance.ts';
import { Errors } from '../../errors.ts';
import type { LinkInfo } from '../../types.ts';
import { changesIn } from '../checked/changedBeforePost.ts';
import { inspectMessage } from '../checked/inspectMessage.ts';
import type { LinkSource, Sink } from '../Sink.ts';
import { wake, yieldPoint } from '../scheduler.ts';
import {
  BROKEN,
  COLUMNS,
  CREDIT,
  DATA,
  END,
  endpointFailure,
  listen,
  RECORDS,
  RESTARTED,
  UNLINK,
  type Upstream,
} from './linkProtocol.ts';
import { isPlainRecord, recordsText } from './recordBatch.ts';
import { RecordColumns } from './recordColumns.ts';
import { SpinWait } from './SpinWait.ts';

/** Most messages posted in one batch. */
const BATCH_LIMIT = 1024;

export class PortSink implements Sink {
  private credits: number;
  sent = 0;
  /** Credits returned: messages the receiver has taken, as far as the sender knows. */
  private returned = 0;
  dropped = 0;
  closed = false;
  broken = false;
  spaceWaiter: ((value: undefined) => void) | null = null;
  /** Called whenever credits come back (a Distributor listens here). */
  onCredit: (() => void) | null = null;
  /** Ordered replica output: tag every message with the number of the input being handled. */
  tagger: { readonly seq: number } | null = null;
  private batch: unknown[] = [];
  private transfers: ArrayBuffer[] = [];
  /** Batches of plain records may cross as JSON text (see recordBatch.ts). */
  private readonly text: boolean;
  /** Every message batched so far is a plain record, so the batch can cross as JSON text. */
  private records: boolean;
  /** …and all are flat records of one shape, so it can cross as columns (recordColumns.ts). */
  private flat: boolean;
  private readonly columns = new RecordColumns();
  private flushQueued = false;
  /** A batch was refused (a message in it could not cross): no END follows. */
  private refusedOne = false;
  /**
   * A batch is posted once it holds this many: half the link's capacity (at most BATCH_LIMIT),
   * so the receiver works on one half while the sender fills the other, instead of the two
   * taking turns when a batch is as large as the credits.
   */
  private readonly batchLimit: number;
  /** Waits briefly for credits when they run out (pollable endpoints only). */
  private readonly spin: SpinWait | null;
  private readonly onMessage = (data: unknown): void => this.receive(data as Upstream);
  /** Credits delivered by the event loop: the sender resumes within this task. */
  private readonly delivered = (data: unknown): void => {
    this.receive(data as Upstream);
    yieldPoint();
  };

  constructor(
    readonly id: number,
    private readonly endpoint: Endpoint,
    readonly capacity: number,
    private readonly source: LinkSource,
    /** `component.box` of the receiving inbox, for stats and errors. */
    readonly to: string,
  ) {
    this.credits = capacity;
    this.text = endpoint.writesPlainData !== true;
    this.records = this.text;
    this.flat = this.text;
    this.batchLimit = Math.max(1, Math.min(BATCH_LIMIT, Math.ceil(capacity / 2)));
    this.spin = SpinWait.of(endpoint);
    listen(endpoint, this.delivered, (error) =>
      this.source.owner.failRun?.(endpointFailure(this.from, this.to, error)),
    );
  }

  /** Checked mode: the sender's messages were validated, frozen and their binary data snapshotted. */
  private get checked(): boolean {
    return this.source.owner.checked === true;
  }

  get from(): string {
    return `${this.source.owner.name}.${this.source.name}`;
  }

  hasSpace(): boolean {
    return this.credits > 0 || this.broken;
  }

  /** Credits left: how many more messages the receiver has room for. */
  get available(): number {
    return this.broken ? 0 : this.credits;
  }

  push(message: unknown, transfer?: ArrayBuffer[]): void {
    if (this.broken) {
      this.dropped++;
      return;
    }
    this.credits--;
    this.sent++;
    this.batch.push(this.tagger === null ? message : [this.tagger.seq, message]);
    if (transfer !== undefined) {
      this.transfers.push(...transfer);
      this.records = this.flat = false;
    } else if (this.flat) {
      if (this.tagger !== null || !this.columns.add(message)) {
        // Every earlier message was a flat record, hence a plain one.
        this.flat = false;
        this.records = isPlainRecord(message);
      }
    } else if (this.records) this.records = isPlainRecord(message);
    this.queueFlush();
    if (this.credits === 0 && this.spin !== null) {
      // Out of credits: post what is batched (nothing more can join it), and wait a moment
      // for credits before the sender has to block.
      this.flush();
      this.spin.until(this.onMessage, this.flushLater);
    }
  }

  /** Ordered replica output: every message for input `seq` has been sent (costs no credit). */
  mark(seq: number): void {
    if (this.broken || this.closed) return;
    this.flat = false;
    this.batch.push([seq]);
    this.queueFlush();
  }

  private queueFlush(): void {
    if (this.batch.length >= this.batchLimit) this.flush();
    else if (!this.flushQueued) {
      this.flushQueued = true;
      wake(this.flushLater, undefined);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.flush();
    // After a message that could not cross, the stream is cut, not ended: its sender fails.
    if (!this.broken && !this.refusedOne) this.endpoint.postMessage([END]);
  }

  /** Cut off: post what is batched, but no END (the receiver is being stopped). */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    this.flush();
  }

  info(): LinkInfo {
    return {
      id: this.id,
      from: this.from,
      to: this.to,
      capacity: this.capacity,
      sent: this.sent,
      delivered: this.returned,
      queued: this.sent - this.returned,
      dropped: this.dropped,
      closed: this.closed,
    };
  }

  private readonly flushLater = (): void => {
    this.flushQueued = false;
    this.flush();
  };

  private flush(): void {
    if (this.batch.length === 0 || this.broken) return;
    // postMessage clones synchronously, so the batch array can be reused at once.
    try {
      if (this.flat) this.endpoint.postMessage([COLUMNS, ...this.columns.text()]);
      else {
        const text = this.records ? recordsText(this.batch) : null;
        if (text !== null) this.endpoint.postMessage([RECORDS, text]);
        else {
          // A structured clone would turn a class instance into a plain object, silently: refuse
          // it, in fast mode too. (A socket's frame writer looks for them itself.)
          if (this.text && holdsInstance(this.batch)) throw new TypeError('a class instance');
          const changes = this.checked ? changesIn(this.batch) : null;
          const data = changes === null ? [DATA, this.batch] : [DATA, this.batch, changes];
          this.endpoint.postMessage(data, this.transfers);
        }
      }
    } catch (error) {
      this.refused(error);
    }
    this.records = this.flat = this.text;
    this.columns.clear();
    this.batch.length = 0;
    if (this.transfers.length > 0) this.transfers = [];
  }

  /**
   * The batch could not be posted: a message in it cannot be cloned (fast mode skips the
   * check at the send). Post the messages before it, count it and the rest as dropped, and
   * fail the sending component, naming the message's outbox and the path of what could not
   * cross.
   */
  private refused(error: unknown): void {
    this.refusedOne = true;
    const batch = this.batch;
    let bad = batch.findIndex((message) => inspectMessage(message).problem !== undefined);
    if (bad < 0) bad = 0;
    if (bad > 0) {
      try {
        this.endpoint.postMessage([DATA, batch.slice(0, bad)]);
      } catch {
        bad = 0;
      }
    }
    this.dropped += batch.length - bad;
    const owner = this.source.owner;
    const problem = inspectMessage(batch[bad]).problem ?? {
      path: 'message',
      what: `not cloneable (${(error as Error)?.message ?? String(error)})`,
      fix: 'Send plain data: primitives, plain objects, arrays, Map, Set, Date, RegExp, Error and binary buffers.',
    };
    owner.fault?.(
      Errors.notCloneable(
        owner.name,
        owner.type ?? '?',
        this.source.name,
        problem.path,
        problem.what,
        problem.fix,
      ),
    );
  }

  private receive(message: Upstream): void {
    if (message[0] === CREDIT) {
      this.credits += message[1];
      this.returned += message[1];
    } else if (message[0] === BROKEN) {
      this.broken = true;
      this.dropped += this.batch.length;
      this.batch.length = 0;
      this.endpoint.close();
      this.source.owner.linkBroken();
    } else if (message[0] === UNLINK) {
      // Unlinked from the receiving side: as an unlink here, the outbox stops feeding it, and
      // what was sent is still delivered before the end.
      this.source.removeLink?.(this);
      this.close();
    } else if (message[0] === RESTARTED) {
      // A new copy of the receiver, with room for the link's capacity; the batch not yet posted
      // goes to it. What the dead copy had not returned credits for is lost with it.
      this.credits = this.capacity - this.batch.length;
    }
    const waiter = this.spaceWaiter;
    if (waiter !== null) {
      this.spaceWaiter = null;
      wake(waiter, undefined);
    }
    this.onCredit?.();
  }
}
