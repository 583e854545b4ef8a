/**
 * The Node options for a process a test starts to run a Plexus program.
 *
 * Plexus loads from its build when every package's build is newer than its source (what
 * jest.config.cjs found, passed on in `PLEXUS_HOSTS_FROM_BUILD`), else from its TypeScript
 * sources through the `@plexus/source` export condition. A process that loads the build starts
 * in about half the CPU time (measured for `plexus node`: 0.7 against 1.3 CPU s), and a full
 * test run starts a few hundred. `register` is the module that compiles the program's own
 * TypeScript.
 */
export function plexusNodeArgs(register = '@plexus/host/register'): string[] {
  return process.env.PLEXUS_HOSTS_FROM_BUILD === '1'
    ? ['--import', register]
    : ['--conditions=@plexus/source', '--import', register];
}
