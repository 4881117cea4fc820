import type { DataSource, EntityManager } from 'typeorm';
import { chainRow, type ChainedAuditRow } from './audit-chain';
import type { AuditEntry } from './audit-entry';
import { chainedRowFromRaw, type RawAuditRow } from './audit-reader';

/** Arbitrary but fixed: the transaction-level advisory lock that makes appends one line. */
const AUDIT_APPEND_LOCK = 7_263_002;

const COLUMNS = [
  'seq',
  'occurred_at',
  'actor_id',
  'actor_role',
  'action',
  'subject',
  'cycle_id',
  'unit_id',
  'reason',
  'request_id',
  'workflow_id',
  'run_id',
  'change',
  'change_digest',
  'event_key',
  'prev_hash',
  'hash',
] as const;

/**
 * Appends one row to the audit trail inside the caller's transaction, so the change and its
 * record commit or roll back together. Appends are serialised by an advisory lock held to the
 * end of the transaction, and the last hash is read under it, so the chain stays a single line.
 * Call it last in a transaction: other writers of the trail wait for that transaction to end.
 * Returns the row, or null when `eventKey` was already recorded (a retry).
 */
export async function appendAuditEntry(manager: EntityManager, entry: AuditEntry): Promise<ChainedAuditRow | null> {
  if (!manager.queryRunner?.isTransactionActive) return manager.transaction((transactional) => appendAuditEntry(transactional, entry));
  await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_APPEND_LOCK]);
  if (entry.eventKey) {
    const seen = (await manager.query('SELECT 1 FROM audit_log WHERE event_key = $1', [entry.eventKey])) as unknown[];
    if (seen.length > 0) return null;
  }
  const [last] = (await manager.query('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')) as Array<Pick<RawAuditRow, 'seq' | 'hash'>>;
  const row = chainRow(last ? { seq: Number(last.seq), hash: last.hash } : null, {
    occurredAt: new Date().toISOString(),
    actorId: entry.actorId,
    actorRole: entry.actorRole ?? null,
    action: entry.action,
    subject: entry.subject,
    cycleId: entry.cycleId ?? null,
    unitId: entry.unitId ?? null,
    reason: entry.reason ?? null,
    requestId: entry.requestId ?? null,
    workflowId: entry.workflowId ?? null,
    runId: entry.runId ?? null,
    change: entry.change ?? null,
    eventKey: entry.eventKey ?? null,
  });
  const values = [
    row.seq,
    row.occurredAt,
    row.actorId,
    row.actorRole,
    row.action,
    row.subject,
    row.cycleId,
    row.unitId,
    row.reason,
    row.requestId,
    row.workflowId,
    row.runId,
    row.change === null ? null : JSON.stringify(row.change),
    row.changeDigest,
    row.eventKey,
    row.prevHash,
    row.hash,
  ];
  const inserted = (await manager.query(
    `INSERT INTO audit_log (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, index) => `$${index + 1}`).join(', ')}) RETURNING *`,
    values,
  )) as RawAuditRow[];
  return chainedRowFromRaw(inserted[0]);
}

/** Appends one row in a transaction of its own. */
export function appendAudit(dataSource: DataSource, entry: AuditEntry): Promise<ChainedAuditRow | null> {
  return dataSource.transaction((manager) => appendAuditEntry(manager, entry));
}
