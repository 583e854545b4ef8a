/**
 * The rows of the error table (`Errors` in errors.ts) for placement: a backend that cannot be
 * loaded, a placement or permission sandbox that cannot hold, a definition another thread or
 * process cannot import, and a unit that died. Kept in their own file so the table's file stays
 * short. Users match on `code`.
 */
import { PlexusError } from './PlexusError.ts';

const who = (component: string, type: string): string => `Component '${component}' (${type})`;

/**
 * The placement rows, spread into `Errors`.
 *
 * @internal
 */
export const placementErrors = {
  noBackend: (component: string, type: string, backend: string, why: string) =>
    new PlexusError(
      'ERR_NO_BACKEND',
      `${who(component, type)} is placed on backend '${backend}', but run() was given no backend of that name and @plexus/${backend} could not be loaded (${why}). Install @plexus/${backend}, or pass the backend in run({ backends: [...] }).`,
      { component, type, backend },
    ),
  unreadOption: (
    component: string,
    type: string,
    backend: string,
    option: string,
    reads: readonly string[],
    readers: readonly string[],
  ) =>
    new PlexusError(
      'ERR_BAD_PLACEMENT',
      `${who(component, type)} is placed on backend '${backend}' with option '${option}', which that backend does not read (${reads.length === 0 ? 'it reads none' : `it reads: ${reads.join(', ')}`}). ${readers.length === 0 ? 'Remove the option.' : `Remove it, or place the component on ${readers.map((r) => `'${r}'`).join(' or ')}, which reads it.`}`,
      { component, type, backend },
    ),
  badPlacement: (component: string, type: string, problem: string) =>
    new PlexusError('ERR_BAD_PLACEMENT', `${who(component, type)} ${problem}`, { component, type }),
  sandboxNotEnforced: (component: string, type: string, backend: string, inherited: boolean) =>
    new PlexusError(
      'ERR_BAD_PLACEMENT',
      `${who(component, type)} asks for a permission sandbox (options.permissions${inherited ? ', from the composite it is in' : ''}), but it is placed on backend '${backend}', which cannot enforce one: only the process backend runs components under Node's permission model. Place it on backend 'process', or remove the permissions; a component that asks for a sandbox runs sandboxed or not at all.`,
      { component, type, backend },
    ),
  sandboxChanged: (component: string, type: string, composite: string) =>
    new PlexusError(
      'ERR_BAD_PLACEMENT',
      `${who(component, type)} sets its own options.permissions inside ${composite}, whose placement already sandboxes everything in it. Remove the child's permissions, or sandbox the composite's children one by one instead of the composite.`,
      { component, type },
    ),
  sandboxShared: (component: string, type: string, group: string, other: string) =>
    new PlexusError(
      'ERR_BAD_PLACEMENT',
      `${who(component, type)} is in group '${group}' with '${other}', but their permission sandboxes (options.permissions) differ, and a group runs in one process under one sandbox. Give them the same permissions, or put them in different groups.`,
      { component, type },
    ),
  notImportable: (component: string, type: string, backend: string, problem: string) =>
    new PlexusError(
      'ERR_NOT_IMPORTABLE',
      `${who(component, type)} is placed on backend '${backend}', so its definition must be importable there by module and export name, but ${problem}`,
      { component, type, backend },
    ),
  unitDied: (where: string, components: string, what: string, starting = false, cause?: unknown) =>
    new PlexusError(
      'ERR_UNIT_DIED',
      `The ${where} running ${components} ${what} ${starting ? 'while it was starting' : 'before its components had finished'}.`,
      cause === undefined ? {} : { cause },
    ),
};
