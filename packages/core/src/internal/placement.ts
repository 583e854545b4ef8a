/**
 * A child's placement — its scope's, overridden field by field by its own — and the checks a
 * placement must pass at add(), before anything runs: replicas that make sense, and a
 * permission sandbox only where it holds. A component that asks for a sandbox runs sandboxed
 * or does not run: `options.permissions` is refused on a backend that cannot enforce it, on a
 * child that would change the sandbox of the composite it is in, and in a group (one worker
 * or process) whose other members have a different sandbox.
 */
import type { AddOptions } from '../AddOptions.ts';
import type { Definition } from '../Definition.ts';
import { Errors } from '../errors.ts';
import type { Placement } from '../types.ts';
import type { Network } from './Network.ts';

/** The backends that run a component under `options.permissions` (Node's permission model). */
const SANDBOXING_BACKENDS: readonly string[] = ['process'];

/**
 * The child's placement: the scope's, overridden by the options' own fields (shared when
 * none). `options` merge key by key, so a child adds to its composite's options rather than
 * dropping them.
 */
export function placeChild(
  inherited: Placement,
  options: AddOptions<any>,
  full: string,
  definition: Definition,
  composite: string | undefined,
): Placement {
  let placement = inherited;
  for (const key in options) {
    if (key === 'params' || key === 'supervise') continue;
    if (placement === inherited) placement = { ...inherited };
    let value = (options as Record<string, unknown>)[key];
    if (key === 'options' && inherited.options !== undefined) {
      const own = (value ?? {}) as Record<string, unknown>;
      const sandbox = inherited.options.permissions;
      if (sandbox !== undefined && 'permissions' in own && !sameSandbox(own.permissions, sandbox))
        throw Errors.sandboxChanged(full, definition.name, composite ?? 'its scope');
      value = { ...inherited.options, ...own };
    }
    (placement as Record<string, unknown>)[key] = value;
  }
  return placement;
}

/** Throw if `placement` cannot hold for the instance `full` of `definition`. */
export function checkPlacement(
  net: Network,
  full: string,
  definition: Definition,
  placement: Placement,
  inherited: boolean,
): void {
  const { replicas } = placement;
  const backend = placement.backend ?? 'inline';
  if (placement.options?.permissions !== undefined) {
    if (!SANDBOXING_BACKENDS.includes(backend))
      throw Errors.sandboxNotEnforced(full, definition.name, backend, inherited);
    if (definition.kind === 'component' && (replicas ?? 1) === 1 && placement.group !== undefined)
      checkGroupSandbox(net, full, definition, placement);
  } else if (definition.kind === 'component' && placement.group !== undefined) {
    checkGroupSandbox(net, full, definition, placement);
  }
  if (replicas === undefined) return;
  if (!Number.isInteger(replicas) || replicas < 1) {
    throw Errors.badPlacement(
      full,
      definition.name,
      `asks for ${String(replicas)} replicas; give a whole number of 1 or more.`,
    );
  }
  if (replicas > 1 && backend === 'inline') {
    throw Errors.badPlacement(
      full,
      definition.name,
      `asks for ${replicas} replicas, but replicas run off the main thread: place it on backend 'worker' or 'process' too.`,
    );
  }
  if (replicas > 1 && definition.kind === 'graph') {
    throw Errors.badPlacement(
      full,
      definition.name,
      'is a composite, and replicas apply to components: give the replicas to its children.',
    );
  }
}

/** Per network: the first member of each group that runs off the main thread, and its sandbox. */
const groups = new WeakMap<Network, Map<string, { name: string; sandbox: unknown }>>();

/**
 * The members of a group share one worker or process, so one sandbox: a member whose
 * sandbox differs from the group's (none where the group has one, or another) is refused.
 */
function checkGroupSandbox(
  net: Network,
  full: string,
  definition: Definition,
  placement: Placement,
): void {
  const backend = placement.backend ?? 'inline';
  if (backend === 'inline') return;
  const key = `${backend} ${placement.group}`;
  let known = groups.get(net);
  if (known === undefined) {
    known = new Map();
    groups.set(net, known);
  }
  const sandbox = placement.options?.permissions;
  const first = known.get(key);
  if (first === undefined || sameSandbox(first.sandbox, sandbox)) {
    if (first === undefined) known.set(key, { name: full, sandbox });
    return;
  }
  // The first member may have been removed since: look for a member still in the graph.
  const member = net
    .leaves()
    .find(
      (run) =>
        run.name !== full &&
        run.backend === backend &&
        run.placement.group === placement.group &&
        (run.placement.replicas ?? 1) === 1,
    );
  if (member === undefined || sameSandbox(member.placement.options?.permissions, sandbox)) {
    known.set(key, { name: full, sandbox });
    return;
  }
  throw Errors.sandboxShared(full, definition.name, String(placement.group), member.name);
}

/** Whether two `permissions` values allow the same (order of paths aside). */
function sameSandbox(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (value === undefined || value === null) return '';
  return JSON.stringify(value, (_, v: unknown) => {
    if (Array.isArray(v)) return [...v].sort();
    if (typeof v === 'object' && v !== null)
      return Object.fromEntries(
        Object.entries(v)
          .filter(([, x]) => x !== undefined)
          .sort(([x], [y]) => (x < y ? -1 : 1)),
      );
    return v;
  });
}
