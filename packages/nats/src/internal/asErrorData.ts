import { type ErrorData, toErrorData } from '@plexus/core';

/**
 * An error of the coordinator's as data for the core: its sentence, code and facts, not its
 * stack (which would be the coordinator's own frames, not the unit's).
 */
export function asErrorData(error: unknown): ErrorData {
  const { stack: _stack, ...data } = toErrorData(error);
  return data;
}
