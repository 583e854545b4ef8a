/**
 * A supervisor (after Erlang/OTP): the restart policy of one component, or of a group — the
 * children of a composite, or a whole graph — and the count of its recent restarts. When a
 * member crashes it restarts what its strategy says, or gives up: the crash then goes to the
 * enclosing supervisor, and past the last one it fails the graph.
 *
 * Members are the units a strategy counts in: a component, or a supervised composite (all
 * its components together). A composite without a policy of its own is transparent: its
 * children are members of the enclosing supervisor one by one.
 */
import { Errors, type PlexusError } from '../../errors.ts';
import type { FullPolicy } from '../../SupervisePolicy.ts';
import type { Run } from '../Run.ts';
import { Restart } from './Restart.ts';

export class Supervisor {
  /** When its recent restarts happened (within the policy's window). */
  private times: number[] = [];

  constructor(
    readonly policy: FullPolicy,
    /** Names it in errors: `the restart policy of composite 'wc'`. */
    readonly label: string,
    /** Its members, in the order they were added; each member is one or more components. */
    readonly members: () => Run[][],
    readonly parent: () => Supervisor | undefined,
  ) {}

  /**
   * `run` crashed with `failure`. Returns `undefined` when a restart is under way (`run` then
   * waits for it, parked), else the error the graph fails with.
   */
  crashed(run: Run, failure: PlexusError): PlexusError | undefined {
    const { policy } = this;
    const members = this.members();
    const at = members.findIndex((member) => member.includes(run));
    const now = Date.now();
    this.times = this.times.filter((time) => now - time < policy.withinMs);
    const chosen =
      at < 0
        ? []
        : policy.strategy === 'one-for-one'
          ? [members[at]!]
          : policy.strategy === 'one-for-all'
            ? members
            : members.slice(at);
    const leaves = chosen.flat();
    let reason: string;
    if (at < 0 || leaves.some((leaf) => leaf.unit !== undefined)) {
      reason = `Restarting it under ${this.label} would take components running in another thread or process with it, and a restart happens in one place`;
    } else if (this.times.length >= policy.maxRestarts) {
      reason = `It crashed more often than ${this.label} allows (${policy.maxRestarts} restart${policy.maxRestarts === 1 ? '' : 's'} within ${policy.withinMs} ms)`;
    } else {
      this.times.push(now);
      const delay = Math.min(policy.backoffMs * 2 ** (this.times.length - 1), policy.maxBackoffMs);
      new Restart(run, failure, leaves, delay, policy.onCrash).begin();
      return undefined;
    }
    const parent = this.parent();
    if (parent !== undefined) {
      const outcome = parent.crashed(run, failure);
      // Restarted by the enclosing supervisor: this one starts afresh, as in OTP.
      if (outcome === undefined) this.times = [];
      return outcome;
    }
    const error = Errors.restartLimit(failure, reason);
    const frames = (failure.stack ?? '')
      .split('\n')
      .filter((line) => line.trimStart().startsWith('at '));
    error.stack = `${error.name}: ${error.message}\n${frames.join('\n')}`;
    return error;
  }
}
