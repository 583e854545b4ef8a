/**
 * Transfer on every backend: the message is cloned with its listed buffers moved, so the
 * sender's buffers are detached inline exactly as they are when the message crosses to a
 * worker. Behaviour does not change with placement.
 */
import { Errors } from '../errors.ts';
import type { TransferList } from '../types.ts';
import type { OwnedBox } from './BoxOwner.ts';
import { inspectMessage } from './checked/inspectMessage.ts';
import { isArrayBuffer } from './checked/kindOf.ts';

export function transferMessage(
  outbox: OwnedBox,
  message: unknown,
  transfer: TransferList,
): unknown {
  const { owner } = outbox;
  const fail = (problem: string) =>
    Errors.badTransfer(owner.name, owner.type, outbox.name, problem);
  const buffers: ArrayBuffer[] = [];
  for (const item of transfer) {
    const buffer = ArrayBuffer.isView(item) ? item.buffer : item;
    if (!isArrayBuffer(buffer)) {
      throw fail('only ArrayBuffers and typed arrays or DataViews over them can be transferred.');
    }
    if (
      ArrayBuffer.isView(item) &&
      (item.byteOffset !== 0 || item.byteLength !== buffer.byteLength)
    ) {
      throw fail(
        `the ${item.constructor.name} covers only part of its ArrayBuffer (a pooled Node Buffer, or a subarray), and transferring would detach the rest too. Copy it first (new Uint8Array(view)), or send it without transfer.`,
      );
    }
    if (buffer.byteLength === 0 && isDetached(buffer)) {
      throw fail(
        'an ArrayBuffer in the transfer list is already detached: it was transferred before.',
      );
    }
    if (!buffers.includes(buffer)) buffers.push(buffer);
  }
  try {
    return structuredClone(message, { transfer: buffers });
  } catch (error) {
    const problem = inspectMessage(message).problem;
    if (problem !== undefined) {
      throw Errors.notCloneable(
        owner.name,
        owner.type,
        outbox.name,
        problem.path,
        problem.what,
        problem.fix,
      );
    }
    throw fail(`structured clone refused the message: ${(error as Error).message}`);
  }
}

function isDetached(buffer: ArrayBuffer): boolean {
  try {
    buffer.slice(0, 0);
    return false;
  } catch {
    return true;
  }
}
