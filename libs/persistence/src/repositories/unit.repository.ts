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

/** Units whose reported indicators are remembered; past it the memory starts afresh, so it stays bounded. */
const REMEMBERED_UNITS = 20_000;

/** The stored units of cycles and what is recorded about each. */
@Injectable()
export class UnitRepository {
  /**
   * Reported indicator ids by cycle and unit. A cycle's indicators are inserted with it in one
   * transaction and never changed or deleted, so a set once read stays true; each draft save
   * checks its values against it, and the query was a round trip of every save.
   */
  private readonly reportedIndicators = new Map<string, string[]>();

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  findById(cycleId: string, unitId: string): Promise<UnitEntity | null> {
    return this.dataSource.getRepository(UnitEntity).findOneBy({ cycleId, id: unitId });
  }

  /** One indicator of a cycle; null when the cycle has none of that id. */
  indicatorOf(cycleId: string, indicatorId: string): Promise<IndicatorEntity | null> {
    return this.dataSource.getRepository(IndicatorEntity).findOneBy({ cycleId, id: indicatorId });
  }

  /** The ids of the indicators the unit reports itself: all but the manual ratings, which assessors enter. */
  async reportedIndicatorIdsOf(cycleId: string, unitId: string): Promise<readonly string[]> {
    const key = `${cycleId}\n${unitId}`;
    const remembered = this.reportedIndicators.get(key);
    if (remembered) return remembered;
    const rows = (await this.dataSource.query(
      'SELECT id FROM indicators WHERE cycle_id = $1 AND unit_id = $2 AND NOT (dimension = ANY($3)) ORDER BY id',
      [cycleId, unitId, MANUAL_RATING_DIMENSIONS],
    )) as Array<{ id: string }>;
    const ids = rows.map((row) => row.id);
    // None: no such unit yet (or only manual ratings); asked again next time.
    if (ids.length > 0) {
      if (this.reportedIndicators.size >= REMEMBERED_UNITS) this.reportedIndicators.clear();
      this.reportedIndicators.set(key, ids);
    }
    return ids;
  }

  /** The manual ratings entered for one month, by unit (units whose report has not opened are absent). */
  async ratingsOfMonth(cycleId: string, month: number): Promise<Map<string, Readonly<Record<string, number>>>> {
    const rows = await this.dataSource
      .getRepository(ReportEntity)
      .find({ where: { cycleId, month }, select: { unitId: true, ratings: true } });
    return new Map(rows.map(({ unitId, ratings }) => [unitId, ratings]));
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
