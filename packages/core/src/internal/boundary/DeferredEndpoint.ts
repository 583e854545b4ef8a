/**
 * An endpoint that exists before its transport does: one end of a link a unit makes while it
 * runs to a component elsewhere. The unit builds its end of the link on it at once, so the
 * component can send (within the link's credits) or wait as it would on any link; what it
 * posts is copied and kept, in order, until the main thread has made the other end and the real endpoint
 * arrives (`connect`), and is then posted there. A refused link never connects.
 */
import type { Endpoint } from '../../backend/Endpoint.ts';

type Listener = (event: any) => void;

export class DeferredEndpoint implements Endpoint {
  private target: Endpoint | undefined;
  /** Posted before the real endpoint came: at most the link's credits' worth of batches. */
  private queue: unknown[] = [];
  private listeners: ['message' | 'messageerror', Listener][] = [];
  private started = false;
  private closed = false;

  postMessage(message: unknown, transfer?: any): void {
    if (this.target !== undefined) this.target.postMessage(message, transfer);
    // Posting copies at once (a sender reuses its batch array), so keeping copies too; the
    // buffers a message would have moved are copied with it (they are the message's alone).
    else if (!this.closed) this.queue.push(structuredClone(message));
  }

  addEventListener(type: 'message' | 'messageerror', listener: Listener): void {
    if (this.target !== undefined) this.target.addEventListener(type, listener);
    else this.listeners.push([type, listener]);
  }

  start(): void {
    this.started = true;
    this.target?.start?.();
  }

  close(): void {
    if (this.target !== undefined) this.target.close();
    else this.closed = true;
  }

  destroy(): void {
    this.queue = [];
    if (this.target !== undefined) (this.target.destroy ?? this.target.close).call(this.target);
    else this.closed = true;
  }

  /** The real endpoint has come: post what was kept, in order, and use it from now on. */
  connect(endpoint: Endpoint): void {
    this.target = endpoint;
    for (const [type, listener] of this.listeners) endpoint.addEventListener(type, listener);
    this.listeners = [];
    if (this.started) endpoint.start?.();
    for (const message of this.queue) endpoint.postMessage(message);
    this.queue = [];
    if (this.closed) endpoint.close();
  }
}
