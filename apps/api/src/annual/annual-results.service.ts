import { Inject, Injectable } from '@nestjs/common';
import type { AnnualResultView, AnnualResultsView } from '@jiebang/contracts';
import { AnnualResultRepository, CaseRepository, CycleRepository, MonthRankingRepository } from '@jiebang/persistence';
import { ApiException } from '../common/api-exception';

const YEAR_END_MONTH = 12;

/** The year's outcome per unit, read from what the cycle recorded at month 12. */
@Injectable()
export class AnnualResultsService {
  constructor(
    @Inject(CycleRepository) private readonly cycles: CycleRepository,
    @Inject(AnnualResultRepository) private readonly annualResults: AnnualResultRepository,
    @Inject(MonthRankingRepository) private readonly rankings: MonthRankingRepository,
    @Inject(CaseRepository) private readonly cases: CaseRepository,
  ) {}

  /** Every unit's result, or only `unitId`'s (unit people see their own unit only). */
  async list(cycleId: string, unitId: string | undefined): Promise<AnnualResultsView> {
    if (!(await this.cycles.exists(cycleId)))
      throw new ApiException('CYCLE_NOT_FOUND', `No cycle ${cycleId}`, undefined, { cycle: cycleId });
    const results = await this.annualResults.list(cycleId, unitId);
    if (results.length === 0) return { cycleId, decided: false, results: [] };
    const ranking = await this.rankings.findFinal(cycleId, YEAR_END_MONTH);
    // Every unit's scores: only those of the units in `results` are looked up.
    const scores = ranking ? await this.rankings.scoresOf(cycleId, YEAR_END_MONTH, ranking.version) : [];
    const cases = await this.cases.ofMonth(cycleId, YEAR_END_MONTH, unitId);
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
