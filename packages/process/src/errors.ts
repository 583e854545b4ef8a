/** The errors the process backend raises itself, phrased like the core's table. */
import { PlexusError } from '@plexus/core';
import type { PlannedComponent } from '@plexus/core/backend';

/** Who runs in the unit: `'reader' (ReadFile)`, or several. */
function who(components: readonly Pick<PlannedComponent, 'name' | 'type'>[]): string {
  return components.map((c) => `'${c.name}' (${c.type})`).join(', ');
}

export const ProcessErrors = {
  /** A symbolic link inside an allowed folder leads outside what the sandbox allows. */
  sandboxEscape: (
    components: readonly Pick<PlannedComponent, 'name' | 'type'>[],
    access: 'read' | 'write',
    folder: string,
    link: string,
    target: string,
  ) =>
    new PlexusError(
      'ERR_BAD_PLACEMENT',
      `The permission sandbox of ${who(components)} lets it ${access} ${folder}, but ${link} there is a symbolic link to ${target}, outside what it may ${access}; Node's permission model checks the path a component names, not where a link leads, so the link would let it ${access} there. Remove the link, or add ${target} to options.permissions.${access} if it should ${access} it.`,
      {
        component: components[0]?.name ?? '?',
        type: components[0]?.type ?? '?',
        backend: 'process',
      },
    ),
};
