/**
 * After a run: every remote unit is made sure to be gone (no orphan thread or process), then
 * the ends of links to them opened on this thread are closed.
 */
import type { Endpoint } from '../../backend/Endpoint.ts';
import type { RemoteUnit } from './RemoteUnit.ts';

/** Close `units`, then `endpoints`; resolves once all are closed (a failure to close is ignored). */
export async function closeUnits(
  units: readonly RemoteUnit[],
  endpoints: readonly Endpoint[],
): Promise<void> {
  await Promise.allSettled(units.map((unit) => unit.close()));
  for (const endpoint of endpoints) {
    try {
      if (endpoint.destroy !== undefined) endpoint.destroy();
      else endpoint.close();
    } catch {}
  }
}
