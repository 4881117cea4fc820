import {
  unitSubject,
  type Actor,
  type AuditChange,
  type AuditEntryRequest,
  type EscalationRequest,
  type NotificationRequest,
  type NotificationStep,
  type Role,
} from '@jiebang/contracts';

/** What a recorded workflow (a case, a supervision item) is about, for its keys and its audit rows. */
export interface KeptRecord {
  /** `case`, `supervision`: the first word of its audit actions. */
  kind: string;
  /** Prefixes its notification and escalation keys: `case/<caseId>`. */
  keyPrefix: string;
  cycleId: string;
  unitId: string;
  /** Its audit subject under the unit: ['cases', rung, 'm3']. */
  subjectPath: Array<string | number>;
  /** The case or item id its notices link to. */
  subjectId: string;
  /** The month a case is about. */
  month?: number;
}

/** One event's audit row: what happened, who did it (absent: the workflow itself), why and what changed. */
export interface RecordAudit {
  event: string;
  actor?: Actor;
  role?: Role;
  note: string | null;
  change: AuditChange;
}

/**
 * The bookkeeping a case and a supervision item share: their events numbered in order (the read
 * model takes a write only if it is newer), notification and escalation keys under the record's
 * own prefix (a retried activity sends nothing twice), and the audit row of each event.
 */
export class RecordKeeper {
  private seq = 0;

  constructor(private readonly record: KeptRecord) {}

  /** Numbers the next event. */
  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  /** The keyed part of a notification about this record; `step` picks its template and link. */
  notice(
    topic: string,
    dueAt: string | null,
    step?: NotificationStep,
  ): Pick<NotificationRequest, 'key' | 'cycleId' | 'unitId' | 'dueAt' | 'step' | 'month' | 'subjectId'> {
    const { cycleId, unitId, month, subjectId } = this.record;
    return { key: this.key(topic), cycleId, unitId, dueAt, step, month, subjectId };
  }

  /** An escalation of this record to `addressedTo`. */
  escalation(topic: string, addressedTo: Role, reason: string): EscalationRequest {
    return { key: this.key(topic), cycleId: this.record.cycleId, unitId: this.record.unitId, addressedTo, reason };
  }

  /** The audit row of one of this record's events. */
  audit({ event, actor, role, note, change }: RecordAudit): AuditEntryRequest {
    const { kind, cycleId, unitId, subjectPath } = this.record;
    return {
      action: `${kind}.${event}`,
      subject: unitSubject(cycleId, unitId, ...subjectPath),
      cycleId,
      unitId,
      actor,
      role,
      reason: note ?? undefined,
      change,
    };
  }

  private key(topic: string): string {
    return `${this.record.keyPrefix}/${topic}`;
  }
}
