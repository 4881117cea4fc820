import type { EntityManager } from 'typeorm';
import { ratedMonthsOf, raterGroupKind, type Panels, type RaterGroup } from '@jiebang/domain';

/** An indicator rated by many in a month, with what its raters are checked against. */
export interface RoundIndicator {
  indicatorId: string;
  unitId: string;
  category: string;
  raters: RaterGroup[];
}

/** What a round rates: its indicators, every unit's category, the policy's panels. */
export interface RoundScope {
  indicators: RoundIndicator[];
  categoryOf: Map<string, string>;
  panels: Panels;
}

/** One stored rating. */
export interface StoredRating {
  indicatorId: string;
  unitId: string;
  group: string;
  rater: string;
  score: number;
}

/** The indicators rated by many in `month` of the cycle, and what their raters are checked against. */
export async function roundScope(manager: EntityManager, cycleId: string, month: number): Promise<RoundScope> {
  const [cycle] = (await manager.query('SELECT policy FROM cycles WHERE id = $1', [cycleId])) as Array<{
    policy: { panels?: Panels };
  }>;
  const units = (await manager.query('SELECT id, category_id FROM units WHERE cycle_id = $1 ORDER BY id', [
    cycleId,
  ])) as Array<{ id: string; category_id: string }>;
  const categoryOf = new Map(units.map((unit) => [unit.id, unit.category_id]));
  const rows = (await manager.query(
    `SELECT id, unit_id, raters, rated_months FROM indicators
      WHERE cycle_id = $1 AND raters IS NOT NULL ORDER BY unit_id, id`,
    [cycleId],
  )) as Array<{ id: string; unit_id: string; raters: RaterGroup[]; rated_months: number[] | null }>;
  const indicators = rows
    .filter((row) => ratedMonthsOf({ raters: row.raters, ratedMonths: row.rated_months ?? undefined }).includes(month))
    .map((row) => ({
      indicatorId: row.id,
      unitId: row.unit_id,
      category: categoryOf.get(row.unit_id) ?? '',
      raters: row.raters,
    }));
  return { indicators, categoryOf, panels: cycle?.policy.panels ?? {} };
}

/** The ratings stored for a round, ordered by indicator, group and rater. */
export async function roundRatings(manager: EntityManager, cycleId: string, month: number): Promise<StoredRating[]> {
  const rows = (await manager.query(
    `SELECT indicator_id, unit_id, rater_group, rater, score FROM ratings
      WHERE cycle_id = $1 AND month = $2 ORDER BY indicator_id, rater_group, rater`,
    [cycleId, month],
  )) as Array<{ indicator_id: string; unit_id: string; rater_group: string; rater: string; score: number }>;
  return rows.map((row) => ({
    indicatorId: row.indicator_id,
    unitId: row.unit_id,
    group: row.rater_group,
    rater: row.rater,
    score: row.score,
  }));
}

/** The ratings of one indicator as the rules take them: group -> rater -> score. */
export function ratingsOf(
  indicatorId: string,
  ratings: readonly StoredRating[],
): Record<string, Record<string, number>> {
  const byGroup: Record<string, Record<string, number>> = {};
  for (const rating of ratings) {
    if (rating.indicatorId !== indicatorId) continue;
    (byGroup[rating.group] ??= {})[rating.rater] = rating.score;
  }
  return byGroup;
}

/**
 * Who is expected to rate an indicator, per group other than the assessors (any assessor may): the
 * other units of the category for peers, the panel's members for a panel.
 */
export function expectedRaters(indicator: RoundIndicator, scope: RoundScope): Record<string, string[]> {
  const expected: Record<string, string[]> = {};
  for (const { group } of indicator.raters) {
    const kind = raterGroupKind(group);
    if (kind?.kind === 'peers')
      expected[group] = [...scope.categoryOf]
        .filter(([unit, category]) => category === indicator.category && unit !== indicator.unitId)
        .map(([unit]) => unit);
    else if (kind?.kind === 'panel') expected[group] = [...(scope.panels[kind.panel] ?? [])];
  }
  return expected;
}

/** The round's state, or null before it opens. */
export async function roundState(
  manager: EntityManager,
  cycleId: string,
  month: number,
): Promise<{ status: 'open' | 'closed'; closesAt: string } | null> {
  const [row] = (await manager.query('SELECT status, closes_at FROM rating_rounds WHERE cycle_id = $1 AND month = $2', [
    cycleId,
    month,
  ])) as Array<{ status: 'open' | 'closed'; closes_at: Date }>;
  return row ? { status: row.status, closesAt: row.closes_at.toISOString() } : null;
}
