import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '@jiebang/activities';
import { cycleSubject, unitSubject, type AuditEntryRequest } from '@jiebang/contracts';
import { keepGoingOnFailure, RECORDING_ACTIVITY_OPTIONS } from './activity-options';

const { appendAudit } = keepGoingOnFailure(proxyActivities<Activities>(RECORDING_ACTIVITY_OPTIONS));

/** Who made a change and why; without `actor` the workflow itself made it (a deadline passed). */
export type AuditDetails = Pick<AuditEntryRequest, 'actor' | 'role' | 'reason' | 'change'>;

/**
 * A workflow's changes of state to one cycle, or to one unit of it, as audit rows. Subjects are
 * paths under the cycle (`cycles/<cycle>/months/3/ranking`) or the unit
 * (`cycles/<cycle>/units/<unit>/reports/3`); the activity adds the workflow and run. A change
 * that writes records hands its `entry` to that write's activity, which commits both together.
 */
export class AuditTrail {
  constructor(
    private readonly cycleId: string,
    private readonly unitId?: string,
  ) {}

  /** The trail of one unit of this cycle, for changes that concern that unit (its appeal). */
  ofUnit(unitId: string): AuditTrail {
    return new AuditTrail(this.cycleId, unitId);
  }

  /** The audit row of one change, for an activity that writes the change and its row together. */
  entry(action: string, subject: Array<string | number>, details: AuditDetails = {}): AuditEntryRequest {
    const path =
      this.unitId === undefined
        ? cycleSubject(this.cycleId, ...subject)
        : unitSubject(this.cycleId, this.unitId, ...subject);
    return { action, subject: path, cycleId: this.cycleId, unitId: this.unitId, ...details };
  }

  /** Appends one change that wrote nothing else; `subject` is the path under the cycle or unit. */
  async record(action: string, subject: Array<string | number>, details: AuditDetails = {}): Promise<void> {
    await appendAudit(this.entry(action, subject, details));
  }
}
