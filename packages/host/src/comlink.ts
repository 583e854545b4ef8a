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

export const { expose, proxy, wrap } = comlink;
/** Comlink's `releaseProxy`, its unique symbol type kept (destructuring would widen it). */
export const releaseProxy: typeof Comlink.releaseProxy = comlink.releaseProxy;

/**
 * Comlink's `transfer`, typed for Node: what moves is a worker_threads transfer list
 * (MessagePorts, ArrayBuffers), which Comlink's DOM typing calls `Transferable`.
 */
export const transfer = comlink.transfer as <T>(value: T, transfers: TransferListItem[]) => T;
export type { Remote } from 'comlink';
export const nodeEndpoint = ((nodeAdapterModule as { default?: unknown }).default ??
  nodeAdapterModule) as unknown as typeof NodeEndpointFn.default;
