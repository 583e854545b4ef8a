/**
 * A Comlink endpoint over a child process's IPC channel — the adapter Comlink lacks for
 * `child_process`. Messages carry a tag, so two Comlink conversations share the one channel:
 * the parent calls the unit (`unit`), and the unit reports its events (`events`).
 */
/** The part of a ChildProcess (parent side) or of `process` (child side) the adapter uses. */
interface Channel {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
  send?: (message: any, callback: (error: Error | null) => void) => boolean;
}
type Listener = (event: { data: unknown }) => void;
type AnyListener = Listener | { handleEvent: Listener };

/** The shape Comlink needs of an endpoint. */
export interface ComlinkEndpoint {
  postMessage(message: unknown): void;
  addEventListener(type: string, listener: AnyListener): void;
  removeEventListener(type: string, listener: AnyListener): void;
}

const TAG = 'plexus';
const ignore = () => {};

export function ipcEndpoint(channel: Channel, tag: string): ComlinkEndpoint {
  const wrapped = new Map<AnyListener, (message: unknown) => void>();
  return {
    postMessage(message: unknown) {
      if (channel.send === undefined) return;
      // With a callback, a closed channel (EPIPE) is reported there, not as an 'error' event;
      // the other side being gone is reported by its exit.
      try {
        channel.send({ [TAG]: tag, message }, ignore);
      } catch {}
    },
    addEventListener(_type: string, listener: AnyListener) {
      const onMessage = (raw: unknown) => {
        const envelope = raw as Record<string, unknown> | null;
        if (envelope?.[TAG] !== tag) return;
        const event = { data: envelope.message };
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      };
      wrapped.set(listener, onMessage);
      channel.on('message', onMessage);
    },
    removeEventListener(_type: string, listener: AnyListener) {
      const onMessage = wrapped.get(listener);
      if (onMessage === undefined) return;
      wrapped.delete(listener);
      channel.off('message', onMessage);
    },
  };
}
