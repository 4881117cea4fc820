import { createHash } from 'node:crypto';

/** The `prev_hash` of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** Every column of an audit row except `hash`: what the hash covers. */
export interface AuditRowContent {
  seq: number;
  /** ISO-8601, UTC, millisecond precision (what timestamptz gives back). */
  occurredAt: string;
  actorId: string;
  actorRole: string | null;
  action: string;
  subject: string;
  cycleId: string | null;
  unitId: string | null;
  reason: string | null;
  requestId: string | null;
  workflowId: string | null;
  runId: string | null;
  change: Record<string, unknown> | null;
  changeDigest: string;
  eventKey: string | null;
  prevHash: string;
}

export interface ChainedAuditRow extends AuditRowContent {
  hash: string;
}

/** The content of a new row, before the chain places it. */
export type AuditRowDraft = Omit<AuditRowContent, 'seq' | 'prevHash' | 'changeDigest'>;

/** Why verification stopped: the first link that does not hold. */
export interface ChainBreak {
  /** The row at which the chain breaks. */
  seq: number;
  problem: 'sequence_gap' | 'prev_hash_mismatch' | 'change_digest_mismatch' | 'hash_mismatch';
  message: string;
}

export interface ChainVerification {
  ok: boolean;
  rowsChecked: number;
  /** The last row that verified, and its hash (the chain's head when ok). */
  lastGoodSeq: number | null;
  lastGoodHash: string;
  firstBreak: ChainBreak | null;
}

/**
 * JSON with object keys sorted at every level and no whitespace, so equal content always gives
 * equal text (jsonb reorders keys; the hash must not care). Dates become ISO strings; like
 * JSON.stringify, undefined members are dropped and non-finite numbers become null.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (typeof value === 'object') {
    const members = Object.keys(value as Record<string, unknown>)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${members.join(',')}}`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? 'null';
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The digest of what changed, as stored in `change_digest`. */
export function changeDigestOf(change: Record<string, unknown> | null): string {
  return sha256Hex(canonicalJson(change));
}

/** SHA-256 over the previous row's hash and this row's canonical content (every named column, nothing else). */
export function auditRowHash(row: AuditRowContent): string {
  const content: Omit<AuditRowContent, 'prevHash'> = {
    seq: row.seq,
    occurredAt: row.occurredAt,
    actorId: row.actorId,
    actorRole: row.actorRole,
    action: row.action,
    subject: row.subject,
    cycleId: row.cycleId,
    unitId: row.unitId,
    reason: row.reason,
    requestId: row.requestId,
    workflowId: row.workflowId,
    runId: row.runId,
    change: row.change,
    changeDigest: row.changeDigest,
    eventKey: row.eventKey,
  };
  return sha256Hex(`${row.prevHash}\n${canonicalJson(content)}`);
}

/**
 * Places a new row after `previous` (null for the first row): its number, its link, its digest
 * and its hash. `change` is normalised through JSON first, so what is hashed is exactly what the
 * jsonb column will give back.
 */
export function chainRow(
  previous: Pick<ChainedAuditRow, 'seq' | 'hash'> | null,
  draft: AuditRowDraft,
): ChainedAuditRow {
  const change = draft.change === null ? null : (JSON.parse(JSON.stringify(draft.change)) as Record<string, unknown>);
  const content: AuditRowContent = {
    ...draft,
    change,
    seq: previous ? previous.seq + 1 : 1,
    prevHash: previous ? previous.hash : GENESIS_HASH,
    changeDigest: changeDigestOf(change),
  };
  return { ...content, hash: auditRowHash(content) };
}

/**
 * Checks rows one at a time, in `seq` order, and remembers the first break. Feed it the whole
 * table (in batches if large); `result()` says whether every link held.
 */
export class AuditChainVerifier {
  private rowsChecked = 0;
  private last: Pick<ChainedAuditRow, 'seq' | 'hash'> | null = null;
  private broken: ChainBreak | null = null;

  /** Checks the next row; returns the break when this row is the first that fails. */
  push(row: ChainedAuditRow): ChainBreak | null {
    if (this.broken) return null;
    const problem = this.check(row);
    if (problem) {
      this.broken = problem;
      return problem;
    }
    this.rowsChecked += 1;
    this.last = { seq: row.seq, hash: row.hash };
    return null;
  }

  get isBroken(): boolean {
    return this.broken !== null;
  }

  result(): ChainVerification {
    return {
      ok: this.broken === null,
      rowsChecked: this.rowsChecked,
      lastGoodSeq: this.last?.seq ?? null,
      lastGoodHash: this.last?.hash ?? GENESIS_HASH,
      firstBreak: this.broken,
    };
  }

  private check(row: ChainedAuditRow): ChainBreak | null {
    const expectedSeq = this.last ? this.last.seq + 1 : 1;
    if (row.seq !== expectedSeq) {
      const missing =
        row.seq > expectedSeq ? `rows ${expectedSeq}..${row.seq - 1} are missing` : `row ${row.seq} is out of order`;
      return {
        seq: row.seq,
        problem: 'sequence_gap',
        message: `Row ${row.seq} follows row ${this.last?.seq ?? 'none'}: ${missing}`,
      };
    }
    const expectedPrev = this.last ? this.last.hash : GENESIS_HASH;
    if (row.prevHash !== expectedPrev) {
      return {
        seq: row.seq,
        problem: 'prev_hash_mismatch',
        message: `Row ${row.seq} does not link to row ${this.last?.seq ?? 'genesis'}: its prev_hash is not that row's hash`,
      };
    }
    if (row.changeDigest !== changeDigestOf(row.change)) {
      return {
        seq: row.seq,
        problem: 'change_digest_mismatch',
        message: `Row ${row.seq}: what changed no longer matches its digest`,
      };
    }
    if (row.hash !== auditRowHash(row)) {
      return {
        seq: row.seq,
        problem: 'hash_mismatch',
        message: `Row ${row.seq} was altered after it was written: its content no longer matches its hash`,
      };
    }
    return null;
  }
}

/** Verifies a whole chain held in memory. */
export function verifyAuditChain(rows: Iterable<ChainedAuditRow>): ChainVerification {
  const verifier = new AuditChainVerifier();
  for (const row of rows) {
    if (verifier.isBroken) break;
    verifier.push(row);
  }
  return verifier.result();
}
