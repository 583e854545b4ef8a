/**
 * Comlink, imported the one way that works both natively (its package is UMD, without an
 * exports map) and under the test runner's CommonJS transform: default imports of its UMD
 * files, unwrapped if the loader added a `default` layer.
 */

import type { TransferListItem } from 'node:worker_threads';
import type * as Comlink from 'comlink';
import comlinkModule from 'comlink';
import type NodeEndpointFn from 'comlink/dist/umd/node-adapter.js';
import nodeAdapterModule from 'comlink/dist/umd/node-adapter.js';

const comlink = ((comlinkModule as { default?: unknown }).default ??
  comlinkModule) as typeof Comlink;

/**
 * Comlink's `expose`: serve an object's methods on an endpoint (the control plane of a worker).
 *
 * @example
 * ```ts
 * import { parentPort } from 'node:worker_threads';
 * import { expose, nodeEndpoint } from '@plexus/host';
 *
 * if (parentPort !== null) expose({ ping: () => 'pong' }, nodeEndpoint(parentPort));
 * ```
 */
export const expose: typeof Comlink.expose = comlink.expose;
/**
 * Comlink's `proxy`: pass a value by reference (its methods called back remotely).
 *
 * @example
 * ```ts
 * import { proxy } from '@plexus/host';
 *
 * const onEvent = proxy((name: string) => console.log(name));
 * ```
 */
export const proxy: typeof Comlink.proxy = comlink.proxy;
/**
 * Comlink's `wrap`: the other end's exposed object, as a proxy whose calls return promises.
 *
 * @example
 * ```ts
 * import { Worker } from 'node:worker_threads';
 * import { nodeEndpoint, wrap } from '@plexus/host';
 *
 * const worker = new Worker('./worker.js');
 * const remote = wrap<{ ping(): string }>(nodeEndpoint(worker));
 * console.log(await remote.ping());
 * ```
 */
export const wrap: typeof Comlink.wrap = comlink.wrap;
/**
 * Comlink's `releaseProxy`, its unique symbol type kept (destructuring would widen it): the
 * symbol whose method frees a remote proxy.
 *
 * @example
 * ```ts
 * import { type Remote, releaseProxy } from '@plexus/host';
 *
 * export function done(remote: Remote<{ ping(): string }>): void {
 *   remote[releaseProxy]();
 * }
 * ```
 */
export const releaseProxy: typeof Comlink.releaseProxy = comlink.releaseProxy;

/**
 * Comlink's `transfer`, typed for Node: what moves is a worker_threads transfer list
 * (MessagePorts, ArrayBuffers), which Comlink's DOM typing calls `Transferable`.
 *
 * @example
 * ```ts
 * import { transfer } from '@plexus/host';
 *
 * const bytes = new Uint8Array(1024);
 * const moved = transfer(bytes, [bytes.buffer]);
 * ```
 */
export const transfer = comlink.transfer as <T>(value: T, transfers: TransferListItem[]) => T;
/**
 * comlink's `Remote`, re-exported: the type of a proxy to an object exposed on the other side
 * of a port, whose every method returns a promise.
 *
 * A backend drives its units' control plane through one (start, stop, stats), never its data.
 *
 * @example
 * ```ts
 * import { MessageChannel } from 'node:worker_threads';
 * import { expose, nodeEndpoint, type Remote, wrap } from '@plexus/host';
 *
 * const { port1, port2 } = new MessageChannel();
 * expose({ ping: () => 'pong' }, nodeEndpoint(port1));
 * const remote: Remote<{ ping(): string }> = wrap(nodeEndpoint(port2));
 * console.log(await remote.ping()); // pong
 * port1.close();
 * ```
 */
export type { Remote } from 'comlink';
/**
 * Comlink's adapter of a Node `Worker` or `MessagePort` to the endpoint comlink expects.
 *
 * @example
 * ```ts
 * import { MessageChannel } from 'node:worker_threads';
 * import { nodeEndpoint } from '@plexus/host';
 *
 * const { port1 } = new MessageChannel();
 * const endpoint = nodeEndpoint(port1);
 * ```
 */
export const nodeEndpoint = ((nodeAdapterModule as { default?: unknown }).default ??
  nodeAdapterModule) as unknown as typeof NodeEndpointFn.default;
