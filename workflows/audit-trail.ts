import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { cycleSubject, unitSubject, type AuditEntryRequest } from '../libs/contracts/src';
import { RECORDING_ACTIVITY_OPTIONS } from './activity-options';

const { appendAudit } = proxyActivities<Activities>(RECORDING_ACTIVITY_OPTIONS);

/** Who made a change and why; without `actor` the workflow itself made it (a deadline passed). */
export type AuditDetails = Pick<AuditEntryRequest, 'actor' | 'role' | 'reason' | 'change'>;

/**
 * A workflow's changes of state to one cycle, or to one unit of it, as audit rows. Subjects are
 * paths under the cycle (`cycles/<cycle>/months/3/ranking`) or the unit
 * (`cycles/<cycle>/units/<unit>/reports/3`); the activity adds the workflow and run.
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

  /** Appends one change; `subject` is the path under the cycle or unit. */
  async record(action: string, subject: Array<string | number>, details: AuditDetails = {}): Promise<void> {
    const path = this.unitId === undefined ? cycleSubject(this.cycleId, ...subject) : unitSubject(this.cycleId, this.unitId, ...subject);
    await appendAudit({ action, subject: path, cycleId: this.cycleId, unitId: this.unitId, ...details });
  }
}
