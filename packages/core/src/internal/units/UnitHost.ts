/**
 * What a remote unit reports to, on the main thread (the `Network`): the events, failures and
 * ends of the components it runs elsewhere.
 */
import type { LinkReply, LinkRequest } from '../../backend/UnitRequests.ts';
import type { ComponentInfo, LinkInfo } from '../../types.ts';
import type { ComponentRun } from '../ComponentRun.ts';
import type { Supervisor } from '../supervision/Supervisor.ts';

export interface UnitHost {
  readonly checked: boolean;
  readonly stopTimeout: number;
  announce(event: 'component:start' | 'component:end', run: ComponentRun | ComponentInfo): void;
  progress(run: ComponentRun | string, done: number, total: number | undefined): void;
  restarted(run: ComponentRun | ComponentInfo, error: Error, restarts: number): void;
  /** A component in the unit failed (the unit reported it). */
  remoteFailure(info: ComponentInfo, failure: Error): void;
  /** The unit could not start, or went away. */
  unitFailed(unit: object, failure: Error): void;
  /** Every component of the unit has finished. */
  unitSettled(unit: object): void;
  supervisorOf(run: ComponentRun): Supervisor | undefined;
  /** Live counters of the run's links (a dead unit's counts what it lost). */
  stats(): { readonly links: readonly LinkInfo[] };
  /** The unit asks for a link from one of its components to a component elsewhere. */
  linkFrom(unit: object, request: LinkRequest): Promise<LinkReply>;
}
