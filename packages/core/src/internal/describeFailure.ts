/**
 * Turn whatever a body threw into the graph's error: a sentence naming the instance, its
 * type and backend, and the box and message it last received, with the original error as
 * `cause` and the original stack kept.
 */
import { Errors, isPlexusError, type PlexusError } from '../errors.ts';
import { describeDenial } from './describeDenial.ts';
import { preview } from './naming.ts';
import type { Run } from './Run.ts';

const FROZEN_WRITE =
  /read[- ]only|not extensible|Cannot (add|assign|delete|define) property|object is not extensible|Cannot modify a (Map|Set|Date) that was sent/i;

export function describeFailure(run: Run, error: unknown): PlexusError {
  const facts: {
    component: string;
    type: string;
    backend: string;
    where: string;
    box?: string;
    involved?: string;
  } = { component: run.name, type: run.type, backend: run.backend, where: run.where };
  let sentence: string;
  const denied = error as { code?: unknown; permission?: unknown; message?: unknown } | null;
  if (denied?.code === 'ERR_ACCESS_DENIED') {
    // Node's permission model refused something (a process backend's sandbox).
    sentence = describeDenial(denied);
  } else if (isPlexusError(error) && error.component === run.name && error.detail !== undefined) {
    sentence = error.detail;
    if (error.box !== undefined) facts.box = error.box;
    if (error.involved !== undefined) facts.involved = error.involved;
  } else {
    // Plexus's own errors are whole sentences already; others keep their name (`TypeError: …`).
    const text = isPlexusError(error)
      ? error.message
      : error instanceof Error
        ? `${error.name}: ${error.message}`
        : `threw ${preview(error)}`;
    sentence = `failed: ${text}`;
    if (run.lastBox !== undefined) {
      facts.box = run.lastBox;
      facts.involved = preview(run.lastMessage);
      sentence += ` (the last message it received, on inbox '${run.lastBox}', was ${facts.involved})`;
    }
    if (!/[.!?]$/.test(sentence)) sentence += '.';
    if (run.checked && error instanceof TypeError && FROZEN_WRITE.test(error.message)) {
      sentence +=
        ' Checked mode froze that object because it was sent or received as a message, and messages are immutable once sent: copy it before changing it (e.g. { ...message }, [...list], new Map(map)).';
    }
  }
  const failure = Errors.componentFailed(facts, sentence, error);
  const stack = error instanceof Error ? error.stack : undefined;
  if (stack !== undefined) {
    const frames = stack.split('\n').filter((line) => line.trimStart().startsWith('at '));
    failure.stack = `${failure.name}: ${failure.message}\n${frames.join('\n')}`;
  }
  return failure;
}
