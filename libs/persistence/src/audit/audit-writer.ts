import type { DataSource, EntityManager } from 'typeorm';
import { chainRow, type AuditRowDraft, type ChainedAuditRow } from './audit-chain';
import type { AuditEntry } from './audit-entry';
import { chainedRowFromRaw, type RawAuditRow } from './audit-reader';
import { statementChunks } from '../insert-in-chunks';

/** Arbitrary but fixed: the transaction-level advisory lock that makes appends one line. */
export const AUDIT_APPEND_LOCK = 7_263_002;

/** The chain's last row (null while the trail is empty), read under the append lock. */
export type AuditChainHead = Pick<ChainedAuditRow, 'seq' | 'hash'> | null;

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
 * record commit or roll back together. Returns the row, or null when `eventKey` was already
 * recorded (a retry). See `appendAuditEntries`.
 */
export async function appendAuditEntry(manager: EntityManager, entry: AuditEntry): Promise<ChainedAuditRow | null> {
  const [row] = await appendAuditEntries(manager, [entry]);
  return row ?? null;
}

/**
 * Appends rows to the audit trail, in order, inside the caller's transaction. Appends are
 * serialised by an advisory lock held to the end of the transaction, and the last hash is read
 * under it, so the chain stays a single line; a batch takes the lock once, however many rows it
 * holds. Call it last in a transaction: other writers of the trail wait for that transaction to
 * end. Entries whose `eventKey` is already recorded are skipped (a retry); returns the new rows.
 */
export async function appendAuditEntries(manager: EntityManager, entries: AuditEntry[]): Promise<ChainedAuditRow[]> {
  if (entries.length === 0) return [];
  if (!manager.queryRunner?.isTransactionActive)
    return manager.transaction((transactional) => appendAuditEntries(transactional, entries));
  const { head, recordedKeys } = await lockAuditChain(manager, entries);
  return appendAuditEntriesAfter(manager, head, withoutRecordedKeys(entries, recordedKeys));
}

/**
 * Appends rows after `head`, which the caller read under the append lock it still holds (through
 * `audit_chain_head`, or `save_report_drafts` for entries without event keys).
 */
export async function appendAuditEntriesAfter(
  manager: EntityManager,
  head: AuditChainHead,
  entries: AuditEntry[],
): Promise<ChainedAuditRow[]> {
  let previous = head;
  const occurredAt = new Date().toISOString();
  const rows = entries.map((entry) => {
    const row = chainRow(previous, draftOf(entry, occurredAt));
    previous = row;
    return row;
  });
  const inserted: ChainedAuditRow[] = [];
  for (const chunk of statementChunks(rows)) inserted.push(...(await insertRows(manager, chunk)));
  return inserted;
}

/**
 * Takes the append lock, then reads the chain's last row and which of the entries' event keys are
 * already recorded, in one round trip (`audit_chain_head`): it runs under the lock, where every
 * round trip lengthens the queue of writers.
 */
async function lockAuditChain(
  manager: EntityManager,
  entries: AuditEntry[],
): Promise<{ head: AuditChainHead; recordedKeys: Set<string> }> {
  const keys = entries.map((entry) => entry.eventKey).filter((key): key is string => Boolean(key));
  const [row] = (await manager.query('SELECT seq, hash, recorded FROM audit_chain_head($1, $2::text[])', [
    AUDIT_APPEND_LOCK,
    keys,
  ])) as Array<{ seq: string | number | null; hash: string | null; recorded: string[] }>;
  return { head: auditChainHeadOf(row?.seq ?? null, row?.hash ?? null), recordedKeys: new Set(row?.recorded ?? []) };
}

/** The head as the database gives it back (bigint as text, null for an empty trail). */
export function auditChainHeadOf(seq: string | number | null, hash: string | null): AuditChainHead {
  return seq === null || hash === null ? null : { seq: Number(seq), hash };
}

/** The entries not yet in the trail: an event key appears once, the first time it is appended. */
function withoutRecordedKeys(entries: AuditEntry[], recorded: Set<string>): AuditEntry[] {
  const taken = new Set<string>();
  return entries.filter((entry) => {
    if (!entry.eventKey) return true;
    if (recorded.has(entry.eventKey) || taken.has(entry.eventKey)) return false;
    taken.add(entry.eventKey);
    return true;
  });
}

function draftOf(entry: AuditEntry, occurredAt: string): AuditRowDraft {
  return {
    occurredAt,
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
  };
}

async function insertRows(manager: EntityManager, rows: ChainedAuditRow[]): Promise<ChainedAuditRow[]> {
  const values = rows.flatMap((row) => [
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
  ]);
  const tuples = rows.map(
    (_, row) => `(${COLUMNS.map((_, column) => `$${row * COLUMNS.length + column + 1}`).join(', ')})`,
  );
  const inserted = (await manager.query(
    `INSERT INTO audit_log (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} RETURNING *`,
    values,
  )) as RawAuditRow[];
  return inserted.map(chainedRowFromRaw).sort((a, b) => a.seq - b.seq);
}

/** Appends one row in a transaction of its own. */
export function appendAudit(dataSource: DataSource, entry: AuditEntry): Promise<ChainedAuditRow | null> {
  return dataSource.transaction((manager) => appendAuditEntry(manager, entry));
}
