/**
 * What `plexus run` prints when a supervisor restarts a component: the crash's sentence, the
 * line of the user's code that threw, and the restart's number. A crash the run survives is
 * still seen, as each crash under an Erlang supervisor gets its report; a run that ends well
 * exits 0 all the same.
 */
import type { ComponentInfo } from '@plexus/core';
import { type Output, paint } from '../output.ts';
import { userFrames } from './printFailure.ts';

/** The text for a restart of `info` after `error` (the `component:restart` event's arguments). */
export function restartText(
  output: Output,
  info: ComponentInfo,
  error: Error,
  restarts: number,
): string {
  const said = /[.!?)]$/.test(error.message) ? error.message : `${error.message}.`;
  const sentence = `plexus: ${said} Its supervisor restarts '${info.name}' (restart ${restarts}).`;
  const [frame] = userFrames(error);
  return (
    paint(output, 'yellow', sentence) +
    (frame === undefined ? '' : `\n${paint(output, 'dim', frame)}`)
  );
}
