/** Checked mode unless asked: on under `NODE_ENV=test` or `PLEXUS_CHECKED=1`, off with `PLEXUS_CHECKED=0`. */
export function checkedByDefault(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  if (env?.PLEXUS_CHECKED === '0') return false;
  return env?.PLEXUS_CHECKED === '1' || env?.NODE_ENV === 'test';
}
