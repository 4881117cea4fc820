import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MANUAL_RATING_DIMENSIONS } from '@jiebang/contracts';
import {
  EscalationEntity,
  IndicatorEntity,
  NotificationEntity,
  PledgeEntity,
  ReportEntity,
  UnitEntity,
} from '../entities';

/** What is stored about one unit of a cycle besides the unit itself. */
export interface UnitRecords {
  indicators: IndicatorEntity[];
  pledge: PledgeEntity | null;
  notifications: NotificationEntity[];
  escalations: EscalationEntity[];
}

/** The stored units of cycles and what is recorded about each. */
@Injectable()
export class UnitRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  findById(cycleId: string, unitId: string): Promise<UnitEntity | null> {
    return this.dataSource.getRepository(UnitEntity).findOneBy({ cycleId, id: unitId });
  }

  /** One indicator of a cycle; null when the cycle has none of that id. */
  indicatorOf(cycleId: string, indicatorId: string): Promise<IndicatorEntity | null> {
    return this.dataSource.getRepository(IndicatorEntity).findOneBy({ cycleId, id: indicatorId });
  }

  /** The ids of the indicators the unit reports itself: all but the manual ratings, which assessors enter. */
  async reportedIndicatorIdsOf(cycleId: string, unitId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      'SELECT id FROM indicators WHERE cycle_id = $1 AND unit_id = $2 AND NOT (dimension = ANY($3)) ORDER BY id',
      [cycleId, unitId, MANUAL_RATING_DIMENSIONS],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  /** The stored report of one month (the read model its workflow writes); null before its window opens. */
  reportOf(cycleId: string, unitId: string, month: number): Promise<ReportEntity | null> {
    return this.dataSource.getRepository(ReportEntity).findOneBy({ cycleId, unitId, month });
  }

  /** The unit's indicators, its signed pledge, and the notifications and escalations about it, each in order. */
  async recordsOf(cycleId: string, unitId: string): Promise<UnitRecords> {
    const where = { cycleId, unitId };
    const [indicators, pledge, notifications, escalations] = await Promise.all([
      this.dataSource.getRepository(IndicatorEntity).find({ where, order: { id: 'ASC' } }),
      this.dataSource.getRepository(PledgeEntity).findOneBy(where),
      this.dataSource.getRepository(NotificationEntity).find({ where, order: { createdAt: 'ASC' } }),
      this.dataSource.getRepository(EscalationEntity).find({ where, order: { openedAt: 'ASC' } }),
    ]);
    return { indicators, pledge, notifications, escalations };
  }
}
