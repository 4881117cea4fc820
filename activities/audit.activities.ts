import { Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import type { AuditEntryRequest } from '../libs/contracts/src';
import { appendAudit, auditActorOf } from '../libs/persistence/src';

export interface AuditDependencies {
  dataSource: DataSource;
}

export function createAuditActivities({ dataSource }: AuditDependencies) {
  return {
    /**
     * Appends a workflow-side change of state to the audit trail, naming the workflow and run
     * that made it and the person (and request) behind it when the change came from an Update or
     * Signal. The row is keyed by workflow, run and activity id: a retry appends nothing new.
     */
    async appendAudit(request: AuditEntryRequest): Promise<void> {
      const { workflowExecution, activityId } = Context.current().info;
      const workflowId = workflowExecution?.workflowId ?? null;
      const runId = workflowExecution?.runId ?? null;
      await appendAudit(dataSource, {
        ...auditActorOf(request.actor, request.role, 'workflow'),
        action: request.action,
        subject: request.subject,
        cycleId: request.cycleId ?? null,
        unitId: request.unitId ?? null,
        reason: request.reason ?? null,
        change: request.change ?? null,
        workflowId,
        runId,
        eventKey: `${workflowId}/${runId}/${activityId}`,
      });
    },
  };
}
