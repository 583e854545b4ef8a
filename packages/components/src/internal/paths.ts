/**
 * Dot paths into messages (`payload.temp`, `readings.0.value`), read and written without
 * changing the message: a write copies each object or array along the path and shares the
 * rest, so a message another component still holds (inline links pass references) is never
 * touched.
 */
import { z } from '@plexus/core';

/** A dot path param: names separated by dots, array indices as numbers (`items.0.name`). */
export function dotPath(description: string) {
  return z
    .string()
    .regex(/^[^.]+(\.[^.]+)*$/, "must be a dot path such as 'payload' or 'payload.temp'")
    .describe(description);
}

function steps(path: string): string[] {
  return path.split('.');
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null && !ArrayBuffer.isView(value);
}

/** The value at `path` in `message`, or undefined. */
export function getPath(message: unknown, path: string): unknown {
  let value = message;
  for (const step of steps(path)) {
    if (!isContainer(value)) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/** Whether `message` has a value at `path`. */
export function hasPath(message: unknown, path: string): boolean {
  const names = steps(path);
  let value = message;
  for (const step of names.slice(0, -1)) {
    if (!isContainer(value)) return false;
    value = (value as Record<string, unknown>)[step];
  }
  return isContainer(value) && Object.hasOwn(value, names.at(-1)!);
}

/**
 * A copy of `message` with `value` at `path` (objects created where the path has none), or
 * undefined when the path runs into something that is not an object or array.
 */
export function setPath(message: unknown, path: string, value: unknown): unknown {
  return write(message, steps(path), 0, (container, key) => {
    (container as Record<string, unknown>)[key] = value;
  });
}

/** A copy of `message` without the value at `path` (the message itself if there is none). */
export function deletePath(message: unknown, path: string): unknown {
  if (!hasPath(message, path)) return message;
  return write(message, steps(path), 0, (container, key) => {
    if (Array.isArray(container) && /^\d+$/.test(key)) container.splice(Number(key), 1);
    else delete (container as Record<string, unknown>)[key];
  });
}

function write(
  node: unknown,
  names: string[],
  i: number,
  change: (container: Record<string, unknown> | unknown[], key: string) => void,
): unknown {
  const container = node === undefined ? {} : node;
  if (!isContainer(container)) return undefined;
  const copy = Array.isArray(container) ? [...container] : { ...container };
  const key = names[i]!;
  if (i === names.length - 1) {
    change(copy, key);
    return copy;
  }
  const inner = write((container as Record<string, unknown>)[key], names, i + 1, change);
  if (inner === undefined) return undefined;
  (copy as Record<string, unknown>)[key] = inner;
  return copy;
}
