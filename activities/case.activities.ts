import type { DataSource } from 'typeorm';
import type { CaseEventKind, CaseSnapshot, Role, WithAudit } from '@jiebang/contracts';
import { advanceWorkflowRecord, CaseEntity, CaseEventEntity } from '@jiebang/persistence';
import { auditedWrite } from './audited-write';

export interface CaseDependencies {
  dataSource: DataSource;
}

/** One event of a case and the case as it stands after it. */
export interface CaseEventWrite {
  workflowId: string;
  /** The workflow's event counter: it numbers the event and orders the writes of the case row. */
  seq: number;
  snapshot: CaseSnapshot;
  event: {
    kind: CaseEventKind;
    actorId: string | null;
    actorRole: Role | null;
    step: string | null;
    note: string | null;
    at: string;
  };
}

export function createCaseActivities({ dataSource }: CaseDependencies) {
  return {
    /**
     * Stores a case event and the case row in one transaction. The event is keyed by (case, seq)
     * and the row only moves forward in `seq`, so a retried or late write changes nothing. The
     * audit row commits with them.
     */
    async recordCaseEvent({ workflowId, seq, snapshot, event, audit }: WithAudit<CaseEventWrite>): Promise<void> {
      await auditedWrite(dataSource, audit, (manager) =>
        advanceWorkflowRecord(manager, {
          row: {
            entity: CaseEntity,
            values: {
              id: snapshot.caseId,
              workflowId,
              cycleId: snapshot.cycleId,
              unitId: snapshot.unitId,
              rung: snapshot.rung,
              month: snapshot.month,
              ruleId: snapshot.ruleId,
              status: snapshot.status,
              concerns: snapshot.concerns,
              explanation: snapshot.explanation,
              approvers: snapshot.approvers,
              decisions: snapshot.decisions,
              steps: snapshot.steps,
              openedAt: new Date(snapshot.openedAt),
              approvalDueAt: snapshot.approvalDueAt ? new Date(snapshot.approvalDueAt) : null,
              reminded: snapshot.reminded,
              escalated: snapshot.escalated,
              outcomeDueAt: snapshot.outcomeDueAt ? new Date(snapshot.outcomeDueAt) : null,
              overdue: snapshot.overdue,
              closedAt: snapshot.closedAt ? new Date(snapshot.closedAt) : null,
              revision: seq,
            },
            moving: ['status', 'decisions', 'steps', 'reminded', 'escalated', 'outcome_due_at', 'overdue', 'closed_at'],
          },
          event: {
            entity: CaseEventEntity,
            values: { caseId: snapshot.caseId, seq, ...event, statusAfter: snapshot.status, at: new Date(event.at) },
          },
        }),
      );
    },
  };
}
