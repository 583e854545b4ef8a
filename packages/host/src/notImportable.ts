import { PlexusError } from '@plexus/core';
import type { PlannedComponent } from '@plexus/core/backend';

/** `ERR_NOT_IMPORTABLE`, phrased like the core's error table. */
export function notImportable(
  component: Pick<PlannedComponent, 'name' | 'type'>,
  backend: string,
  problem: string,
): PlexusError {
  return new PlexusError(
    'ERR_NOT_IMPORTABLE',
    `Component '${component.name}' (${component.type}) is placed on backend '${backend}', so its definition must be importable there by module and export name, but ${problem}`,
    { component: component.name, type: component.type, backend },
  );
}
