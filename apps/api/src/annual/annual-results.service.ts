import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { AnnualResultView, AnnualResultsView } from '@jiebang/contracts';
import {
  AnnualResultEntity,
  CaseEntity,
  CycleEntity,
  MonthRankingEntity,
  MonthScoreEntity,
} from '@jiebang/persistence';
import { ApiException } from '../common/api-exception';

const YEAR_END_MONTH = 12;

/** The year's outcome per unit, read from what the cycle recorded at month 12. */
@Injectable()
export class AnnualResultsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Every unit's result, or only `unitId`'s (unit people see their own unit only). */
  async list(cycleId: string, unitId: string | undefined): Promise<AnnualResultsView> {
    if (!(await this.dataSource.getRepository(CycleEntity).existsBy({ id: cycleId })))
      throw new ApiException('CYCLE_NOT_FOUND', `No cycle ${cycleId}`);
    const unitFilter = unitId === undefined ? {} : { unitId };
    const results = await this.dataSource
      .getRepository(AnnualResultEntity)
      .find({ where: { cycleId, ...unitFilter }, order: { unitId: 'ASC' } });
    if (results.length === 0) return { cycleId, decided: false, results: [] };
    const ranking = await this.dataSource.getRepository(MonthRankingEntity).findOne({
      where: { cycleId, month: YEAR_END_MONTH, status: In(['final', 'published']) },
      order: { version: 'DESC' },
    });
    const scores = ranking
      ? await this.dataSource
          .getRepository(MonthScoreEntity)
          .find({ where: { cycleId, month: YEAR_END_MONTH, version: ranking.version, ...unitFilter } })
      : [];
    const cases = await this.dataSource
      .getRepository(CaseEntity)
      .find({ where: { cycleId, month: YEAR_END_MONTH, ...unitFilter }, order: { id: 'ASC' } });
    const scoreOf = new Map(scores.map((score) => [score.unitId, score]));
    return {
      cycleId,
      decided: true,
      results: results.map((result): AnnualResultView => {
        const score = scoreOf.get(result.unitId);
        return {
          unitId: result.unitId,
          categoryId: score?.categoryId ?? '',
          completed: result.completed,
          yearScore: score?.score ?? 0,
          yearRank: score?.rank ?? 0,
          vetoed: score?.vetoed ?? false,
          explanation: result.explanation,
          cases: cases
            .filter((fired) => fired.unitId === result.unitId)
            .map((fired) => ({ caseId: fired.id, rung: fired.rung, status: fired.status })),
        };
      }),
    };
  }
}
