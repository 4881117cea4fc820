import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor, AuditEntryRequest } from '@jiebang/contracts';
import {
  appendAuditEntry,
  AuditLogRepository,
  auditActorOf,
  type AuditLogEntity,
  type ChainVerification,
} from '@jiebang/persistence';
import type { AuditEntryView, AuditPage } from '@jiebang/contracts/http/audit';
import type { AuditQuery } from '@jiebang/contracts/http/audit';

/** A change of state made through the API, for the audit trail: a workflow's entry, plus what only the API knows. */
export interface AuditRecord extends Omit<AuditEntryRequest, 'actor'> {
  /** The person who acted (their request id comes with them); null when the API acted by itself. */
  actor: Actor | null;
  /** What acted when no person did, e.g. `demo-import` (recorded as `system:demo-import`). */
  system?: string;
  workflowId?: string;
  runId?: string;
  /** Makes a retried request append nothing the second time. */
  eventKey?: string;
}

const DEFAULT_PAGE = 100;

/** Appends API-side changes to the audit trail, lists it and verifies its hash chain. */
@Injectable()
export class AuditService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditLogRepository) private readonly auditLog: AuditLogRepository,
  ) {}

  /**
   * Appends one row. Pass the `manager` of the transaction that makes the change, so the change
   * and its record commit together; call it last in that transaction (appends are serialised).
   */
  async record(entry: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await appendAuditEntry(manager, {
      ...auditActorOf(entry.actor ?? undefined, entry.role, entry.system ?? 'api'),
      action: entry.action,
      subject: entry.subject,
      cycleId: entry.cycleId,
      unitId: entry.unitId,
      reason: entry.reason,
      change: entry.change,
      workflowId: entry.workflowId,
      runId: entry.runId,
      eventKey: entry.eventKey,
    });
  }

  /** Newest first; `beforeSeq` pages back. */
  async list(query: AuditQuery): Promise<AuditPage> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.auditLog.newestFirst(query, limit + 1);
    const page = rows.slice(0, limit);
    return { entries: page.map(toView), nextBeforeSeq: rows.length > limit ? page[page.length - 1].seq : null };
  }

  verify(): Promise<ChainVerification> {
    return this.auditLog.verifyChain();
  }
}

function toView(row: AuditLogEntity): AuditEntryView {
  return {
    seq: row.seq,
    occurredAt: row.occurredAt.toISOString(),
    actor: row.actorId,
    role: row.actorRole,
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
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
