import { Inject, Injectable } from '@nestjs/common';
import type { Actor, ReportValues } from '@jiebang/contracts';
import {
  MONTHS_IN_CYCLE,
  planToDatePercent,
  rankMovement,
  strongAndWeak,
  targetGap,
  type Indicator,
  type Light,
} from '@jiebang/domain';
import {
  BoardRepository,
  CycleRepository,
  type IndicatorEntity,
  type MonthScoreEntity,
  type RankingVersionRow,
} from '@jiebang/persistence';
import { ApiException } from '../common/api-exception';
import type {
  BoardIndicatorView,
  BoardTrendsView,
  BoardUnitView,
  BoardView,
  YearView,
} from '@jiebang/contracts/http/board';

/**
 * Which ranking version of a month a reader sees: assessors the latest (a provisional one
 * included), LEADERSHIP the latest final or published one (to publish it), everyone else the
 * published one only.
 */
export function visibleVersion(actor: Actor, versions: readonly RankingVersionRow[]): RankingVersionRow | undefined {
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  if (actor.roles.includes('ASSESSOR')) return newestFirst[0];
  if (actor.roles.includes('LEADERSHIP'))
    return newestFirst.find((version) => version.status === 'final' || version.status === 'published');
  return newestFirst.find((version) => version.status === 'published');
}

/** The board (挂图作战) of a month: per category the ranking, lights, plan-to-date, strong and weak, gaps, trends. */
@Injectable()
export class BoardService {
  constructor(
    @Inject(CycleRepository) private readonly cycles: CycleRepository,
    @Inject(BoardRepository) private readonly board: BoardRepository,
  ) {}

  /** Every month of the year side by side per unit, as far as the reader may see each month. */
  async year(cycleId: string, actor: Actor): Promise<YearView> {
    const cycle = await this.cycles.findById(cycleId);
    if (!cycle) throw new ApiException('CYCLE_NOT_FOUND', `No cycle ${cycleId}`, undefined, { cycle: cycleId });
    const versions = await this.board.rankingVersions(cycleId, MONTHS_IN_CYCLE);
    const visible: RankingVersionRow[] = [];
    for (let m = 1; m <= MONTHS_IN_CYCLE; m += 1) {
      const chosen = visibleVersion(
        actor,
        versions.filter((version) => version.month === m),
      );
      if (chosen) visible.push(chosen);
    }
    const [organisation, scores] = await Promise.all([
      this.cycles.organisation(cycleId),
      this.board.scoresOf(
        cycleId,
        visible.map(({ month, version }) => ({ month, version })),
      ),
    ]);
    const cells = new Map<string, YearView['categories'][number]['units'][number]['months']>();
    for (const unit of organisation.units)
      cells.set(
        unit.id,
        Array.from({ length: MONTHS_IN_CYCLE }, () => null),
      );
    for (const score of scores) {
      const lights: Record<Light, number> = { green: 0, yellow: 0, red: 0 };
      for (const row of score.indicators) lights[row.light] += 1;
      const row = cells.get(score.unitId);
      if (row)
        row[score.month - 1] = {
          rank: score.rank,
          score: score.score,
          lagging: score.lagging,
          vetoed: score.vetoed,
          lights,
        };
    }
    return {
      cycleId,
      cycleName: cycle.name,
      months: visible.map(({ month, version, status }) => ({ month, version, status })),
      categories: organisation.categories.map((category) => {
        const members = organisation.units.filter((unit) => unit.categoryId === category.id);
        return {
          id: category.id,
          name: category.name,
          size: members.length,
          units: members.map((unit) => ({ unit: unit.id, name: unit.name, months: cells.get(unit.id) ?? [] })),
        };
      }),
    };
  }

  async monthBoard(cycleId: string, month: number, actor: Actor): Promise<BoardView> {
    const cycle = await this.cycles.findById(cycleId);
    if (!cycle) throw new ApiException('CYCLE_NOT_FOUND', `No cycle ${cycleId}`, undefined, { cycle: cycleId });
    const versions = await this.board.rankingVersions(cycleId, month);
    const visible = new Map<number, RankingVersionRow>();
    for (let m = 1; m <= month; m += 1) {
      const chosen = visibleVersion(
        actor,
        versions.filter((version) => version.month === m),
      );
      if (chosen) visible.set(m, chosen);
    }
    const shown = visible.get(month);
    if (!shown)
      throw new ApiException(
        'NOT_FOUND',
        versions.some((version) => version.month === month)
          ? `The ranking of month ${month} is not published yet`
          : `Month ${month} of cycle ${cycleId} has no ranking yet`,
      );
    const months = Array.from({ length: month }, (_, index) => index + 1);
    const [organisation, { indicators }, scores, values] = await Promise.all([
      this.cycles.organisation(cycleId),
      this.cycles.unitsAndIndicators(cycleId),
      this.board.scoresOf(
        cycleId,
        [...visible.values()].map(({ month: m, version }) => ({ month: m, version })),
      ),
      this.board.approvedValues(cycleId, months),
    ]);
    const indicatorsOf = groupBy(indicators, (indicator) => indicator.unitId);
    const scoresOf = (m: number) => scores.filter((score) => score.month === m);
    const previous = new Map(scoresOf(month - 1).map((score) => [score.unitId, score.rank]));
    const current = scoresOf(month);
    const unitNames = new Map(organisation.units.map((unit) => [unit.id, unit.name]));
    const lights: Record<Light, number> = { green: 0, yellow: 0, red: 0 };

    const rowOf = (score: MonthScoreEntity): BoardUnitView => {
      const actuals = values.get(month)?.get(score.unitId);
      const rows = (indicatorsOf.get(score.unitId) ?? []).map((indicator) =>
        indicatorRow(indicator, month, score, actuals),
      );
      for (const row of rows) if (row.light) lights[row.light] += 1;
      const sorted = strongAndWeak(
        rows.flatMap((row) =>
          row.light && row.d !== null
            ? [{ indicator: row.indicator, light: row.light, d: row.d, percent: row.planPercent }]
            : [],
        ),
      );
      return {
        unit: score.unitId,
        name: unitNames.get(score.unitId) ?? score.unitId,
        score: score.score,
        rank: score.rank,
        movement: rankMovement(score.rank, previous.get(score.unitId)),
        lagging: score.lagging,
        vetoed: score.vetoed,
        reported: score.reported,
        indicators: rows,
        ...sorted,
      };
    };

    const categories = organisation.categories.map((category) => ({
      id: category.id,
      name: category.name,
      units: current.filter((score) => score.categoryId === category.id).map(rowOf),
    }));
    return {
      cycleId,
      cycleName: cycle.name,
      month,
      version: shown.version,
      status: shown.status,
      publishedAt: shown.publishedAt?.toISOString() ?? null,
      categories,
      counts: {
        units: current.length,
        lagging: current.filter((score) => score.lagging).length,
        vetoed: current.filter((score) => score.vetoed).length,
        lights,
      },
      trends: trendsOf(months, scores, indicators, values),
    };
  }
}

function asRule(
  indicator: IndicatorEntity,
): Pick<Indicator, 'direction' | 'measure' | 'satisfactory' | 'disallowed' | 'plan'> {
  return { ...indicator, plan: indicator.plan ?? undefined };
}

function indicatorRow(
  indicator: IndicatorEntity,
  month: number,
  score: MonthScoreEntity,
  actuals: ReportValues | undefined,
): BoardIndicatorView {
  const result = score.indicators.find((row) => row.indicator === indicator.id);
  const actual = actuals?.[indicator.id];
  const known = actual !== undefined && Number.isFinite(actual);
  return {
    indicator: indicator.id,
    name: indicator.name,
    dimension: indicator.dimension,
    light: result?.light ?? null,
    d: result?.d ?? null,
    planPercent: known ? planToDatePercent(asRule(indicator), month, actual) : null,
    actual: known ? actual : null,
    target: indicator.satisfactory,
    gap: known ? targetGap(indicator, month, actual) : null,
  };
}

function trendsOf(
  months: number[],
  scores: MonthScoreEntity[],
  indicators: IndicatorEntity[],
  values: Map<number, Map<string, ReportValues>>,
): BoardTrendsView {
  const units: BoardTrendsView['units'] = {};
  const byIndicator: BoardTrendsView['indicators'] = {};
  for (const indicator of indicators)
    byIndicator[indicator.id] = {
      unit: indicator.unitId,
      d: months.map(() => null),
      planPercent: months.map((m) => {
        const actual = values.get(m)?.get(indicator.unitId)?.[indicator.id];
        return actual === undefined ? null : planToDatePercent(asRule(indicator), m, actual);
      }),
    };
  for (const score of scores) {
    const index = score.month - 1;
    const series = (units[score.unitId] ??= { score: months.map(() => null), rank: months.map(() => null) });
    series.score[index] = score.score;
    series.rank[index] = score.rank;
    for (const row of score.indicators) {
      const trend = byIndicator[row.indicator];
      if (trend) trend.d[index] = row.d;
    }
  }
  // A month not visible to the reader shows no plan-to-date either.
  const seen = new Set(scores.map((score) => score.month));
  for (const trend of Object.values(byIndicator))
    trend.planPercent = trend.planPercent.map((value, index) => (seen.has(index + 1) ? value : null));
  return { months, units, indicators: byIndicator };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
