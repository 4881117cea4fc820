import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { MonthRankingEntity, MonthScoreEntity } from '../entities';

/** The frozen rankings of months, version by version, and their scores. */
@Injectable()
export class MonthRankingRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** True once the month has a ranking: its values are then settled except through an appeal. */
  isRanked(cycleId: string, month: number): Promise<boolean> {
    return this.dataSource.getRepository(MonthRankingEntity).existsBy({ cycleId, month });
  }

  /** The last month of the cycle that has a ranking; 0 before the first. Months rank in order. */
  async lastRankedMonth(cycleId: string): Promise<number> {
    const rows = (await this.dataSource.query('SELECT max(month) AS last FROM month_rankings WHERE cycle_id = $1', [
      cycleId,
    ])) as Array<{ last: number | null }>;
    return rows[0]?.last ?? 0;
  }

  /** The given version of the month's ranking, or its latest when none is given. */
  find(cycleId: string, month: number, version?: number): Promise<MonthRankingEntity | null> {
    return this.dataSource.getRepository(MonthRankingEntity).findOne({
      where: version ? { cycleId, month, version } : { cycleId, month },
      order: { version: 'DESC' },
    });
  }

  /** The latest version of the month's ranking that is final or published, if any. */
  findFinal(cycleId: string, month: number): Promise<MonthRankingEntity | null> {
    return this.dataSource.getRepository(MonthRankingEntity).findOne({
      where: { cycleId, month, status: In(['final', 'published']) },
      order: { version: 'DESC' },
    });
  }

  /** The scores of one version, category by category in rank order. */
  scoresOf(cycleId: string, month: number, version: number): Promise<MonthScoreEntity[]> {
    return this.dataSource.getRepository(MonthScoreEntity).find({
      where: { cycleId, month, version },
      order: { categoryId: 'ASC', rank: 'ASC', unitId: 'ASC' },
    });
  }
}
