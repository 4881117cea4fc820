import { AuditChainVerifier, type ChainedAuditRow, type ChainVerification } from './audit-chain';

/** An audit_log row as the pg driver returns it (bigint as text, timestamptz as Date, jsonb parsed). */
export interface RawAuditRow {
  seq: string | number;
  occurred_at: Date | string;
  actor_id: string;
  actor_role: string | null;
  action: string;
  subject: string;
  cycle_id: string | null;
  unit_id: string | null;
  reason: string | null;
  request_id: string | null;
  workflow_id: string | null;
  run_id: string | null;
  change: Record<string, unknown> | null;
  change_digest: string;
  event_key: string | null;
  prev_hash: string;
  hash: string;
}

/** Runs a query and returns its rows: `dataSource.query` and `(sql, p) => pg.query(sql, p).then(r => r.rows)` both fit. */
export type RowQuery = (sql: string, parameters: unknown[]) => Promise<unknown[]>;

export function chainedRowFromRaw(raw: RawAuditRow): ChainedAuditRow {
  return {
    seq: Number(raw.seq),
    occurredAt: new Date(raw.occurred_at).toISOString(),
    actorId: raw.actor_id,
    actorRole: raw.actor_role,
    action: raw.action,
    subject: raw.subject,
    cycleId: raw.cycle_id,
    unitId: raw.unit_id,
    reason: raw.reason,
    requestId: raw.request_id,
    workflowId: raw.workflow_id,
    runId: raw.run_id,
    change: raw.change,
    changeDigest: raw.change_digest,
    eventKey: raw.event_key,
    prevHash: raw.prev_hash,
    hash: raw.hash,
  };
}

const VERIFY_BATCH = 1000;

/**
 * Reads the whole trail in `seq` order, a batch at a time, and verifies every link; stops at
 * the first break. Needs only read access, so the API and the CLI share it.
 */
export async function verifyStoredAuditChain(query: RowQuery, batchSize = VERIFY_BATCH): Promise<ChainVerification> {
  const verifier = new AuditChainVerifier();
  let after = 0;
  for (;;) {
    const batch = (await query('SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2', [
      after,
      batchSize,
    ])) as RawAuditRow[];
    for (const raw of batch) {
      if (verifier.push(chainedRowFromRaw(raw))) return verifier.result();
    }
    if (batch.length < batchSize) return verifier.result();
    after = Number(batch[batch.length - 1].seq);
  }
}
