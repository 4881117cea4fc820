import type { DataSource } from 'typeorm';
import type { AuditEntryRequest, SupervisionEventKind, SupervisionSnapshot } from '@jiebang/contracts';
import { advanceWorkflowRecord, SupervisionEventEntity, SupervisionItemEntity } from '@jiebang/persistence';
import { auditedWrite } from './audited-write';

export interface SupervisionDependencies {
  dataSource: DataSource;
}

/** One event of a supervision item and the item as it stands after it. */
export interface SupervisionEventWrite {
  workflowId: string;
  /** The workflow's event counter: it numbers the event and orders the writes of the item row. */
  seq: number;
  snapshot: SupervisionSnapshot;
  event: {
    kind: SupervisionEventKind;
    actorId: string | null;
    note: string | null;
    at: string;
  };
  /** The event's audit row; absent for the opening, which the API audited with the item's row. */
  audit?: AuditEntryRequest;
}

export function createSupervisionActivities({ dataSource }: SupervisionDependencies) {
  return {
    /**
     * Stores a supervision event and the item row in one transaction. The event is keyed by
     * (item, seq) and the row only moves forward in `seq`, so a retried or late write changes nothing.
     * The audit row commits with them.
     */
    async recordSupervisionEvent({ workflowId, seq, snapshot, event, audit }: SupervisionEventWrite): Promise<void> {
      await auditedWrite(dataSource, audit, (manager) =>
        advanceWorkflowRecord(manager, {
          row: {
            entity: SupervisionItemEntity,
            values: {
              id: snapshot.itemId,
              workflowId,
              cycleId: snapshot.cycleId,
              unitId: snapshot.unitId,
              title: snapshot.title,
              description: snapshot.description,
              status: snapshot.status,
              openedBy: snapshot.openedBy,
              openedAt: new Date(snapshot.openedAt),
              deadline: new Date(snapshot.deadline),
              accountabilityAt: new Date(snapshot.accountabilityAt),
              overdue: snapshot.overdue,
              escalationLevel: snapshot.escalationLevel,
              responses: snapshot.responses,
              verifications: snapshot.verifications,
              closedAt: snapshot.closedAt ? new Date(snapshot.closedAt) : null,
              revision: seq,
            },
            moving: ['status', 'overdue', 'escalation_level', 'responses', 'verifications', 'closed_at'],
          },
          event: {
            entity: SupervisionEventEntity,
            values: { itemId: snapshot.itemId, seq, ...event, statusAfter: snapshot.status, at: new Date(event.at) },
          },
        }),
      );
    },
  };
}
