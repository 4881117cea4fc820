import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { verifyStoredAuditChain, type ChainVerification } from '../audit';
import { AuditLogEntity } from '../entities';

/** Which audit rows to read; an absent field does not narrow it. */
export interface AuditFilter {
  unitId?: string;
  cycleId?: string;
  actor?: string;
  /** An exact action, or a prefix ending in a dot (`report.`). */
  action?: string;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string;
  to?: string;
  /** Only rows older than this sequence number (paging back). */
  beforeSeq?: number;
}

/** The audit trail as the API reads it; rows are appended through `appendAuditEntry`. */
@Injectable()
export class AuditLogRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Up to `limit` matching rows, newest first. */
  newestFirst(filter: AuditFilter, limit: number): Promise<AuditLogEntity[]> {
    const builder = this.dataSource
      .getRepository(AuditLogEntity)
      .createQueryBuilder('a')
      .orderBy('a.seq', 'DESC')
      .limit(limit);
    if (filter.unitId) builder.andWhere('a.unit_id = :unitId', { unitId: filter.unitId });
    if (filter.cycleId) builder.andWhere('a.cycle_id = :cycleId', { cycleId: filter.cycleId });
    if (filter.actor) builder.andWhere('a.actor_id = :actor', { actor: filter.actor });
    if (filter.action)
      builder.andWhere(filter.action.endsWith('.') ? 'starts_with(a.action, :action)' : 'a.action = :action', {
        action: filter.action,
      });
    if (filter.from) builder.andWhere('a.occurred_at >= :from', { from: new Date(filter.from) });
    if (filter.to) builder.andWhere('a.occurred_at < :to', { to: new Date(filter.to) });
    if (filter.beforeSeq) builder.andWhere('a.seq < :beforeSeq', { beforeSeq: filter.beforeSeq });
    return builder.getMany();
  }

  /** Walks the whole hash chain and names the first broken link. */
  verifyChain(): Promise<ChainVerification> {
    return verifyStoredAuditChain((sql, parameters) => this.dataSource.query(sql, parameters));
  }
}
