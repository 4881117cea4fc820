import { Context } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditEntryRequest } from '@jiebang/contracts';
import { appendAuditEntries, auditActorOf, type AuditEntry } from '@jiebang/persistence';

/**
 * Runs an activity's write and appends the audit rows of its change in one transaction: the
 * change and its record commit together or not at all. `audit` may depend on what the write did
 * (the reports a close marked missed).
 */
export function auditedWrite<T>(
  dataSource: DataSource,
  audit: AuditEntryRequest | undefined | ((written: T) => AuditEntryRequest[]),
  write: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    const written = await write(manager);
    const requests = typeof audit === 'function' ? audit(written) : audit ? [audit] : [];
    // Last in the transaction: appending holds the trail's lock until the commit.
    await appendAuditEntries(manager, auditEntriesOf(requests));
    return written;
  });
}

/**
 * The requests as trail entries, naming the workflow and run that made the change. Each is keyed
 * by workflow, run, activity and its place in the list: a retried activity appends nothing twice.
 */
export function auditEntriesOf(requests: AuditEntryRequest[]): AuditEntry[] {
  const { workflowExecution, activityId } = Context.current().info;
  const workflowId = workflowExecution?.workflowId ?? null;
  const runId = workflowExecution?.runId ?? null;
  return requests.map((request, index) => ({
    ...auditActorOf(request.actor, request.role, 'workflow'),
    action: request.action,
    subject: request.subject,
    cycleId: request.cycleId ?? null,
    unitId: request.unitId ?? null,
    reason: request.reason ?? null,
    change: request.change ?? null,
    workflowId,
    runId,
    eventKey: `${workflowId}/${runId}/${activityId}${index === 0 ? '' : `#${index}`}`,
  }));
}
