import { indexCycle, type CycleIndex, type CycleRules } from './cycle-rules';
import { meetsPlanToDate } from './plan';
import { rankCategory, type CategoryStanding } from './ranking';
import type { MonthReports } from './report';
import { unitScore } from './unit-score';
import type { MonthResult, UnitMonthRecord, UnitMonthResult } from './unit-month';
import { isVetoed, type VetoEvent } from './veto';

/** A month scored and ranked: the result to show and the records the ladder keeps. */
export interface MonthAssessment {
  result: MonthResult;
  records: UnitMonthRecord[];
}

/**
 * Scores and ranks every unit for `month` from that month's approved reports and the veto
 * events so far. Pure and stateless: a provisional ranking and the final one are the same call.
 */
export function assessMonth(
  rules: CycleRules,
  month: number,
  reports: MonthReports,
  vetoes: readonly VetoEvent[],
  index: CycleIndex = indexCycle(rules),
): MonthAssessment {
  const { policy } = rules;
  const scores = new Map(
    rules.units.map(
      (unit) => [unit.id, unitScore(index.indicatorsOf(unit.id), month, reports[unit.id], policy)] as const,
    ),
  );
  const standings = new Map<string, CategoryStanding>();
  const categorySize = new Map<string, number>();
  for (const category of rules.categories) {
    const members = index.unitsIn(category.id);
    // A vetoed unit keeps the score its report earns (the example shows u00 at 100 while vetoed); the veto only moves it last.
    const entries = members.map((unit) => ({
      unit: unit.id,
      score: scores.get(unit.id)?.score ?? 0,
      vetoed: isVetoed(unit.id, month, vetoes),
    }));
    for (const standing of rankCategory(entries, policy.bottomN)) standings.set(standing.unit, standing);
    categorySize.set(category.id, members.length);
  }
  const units: UnitMonthResult[] = [];
  const records: UnitMonthRecord[] = [];
  for (const unit of rules.units) {
    const score = scores.get(unit.id);
    const standing = standings.get(unit.id);
    if (!score || !standing) throw new RangeError(`Unit ${unit.id} belongs to no known category (${unit.category})`);
    const { rank, lagging, vetoed } = standing;
    const reported = reports[unit.id] !== undefined;
    units.push({ unit: unit.id, score: score.score, rank, lagging, vetoed, reported, indicators: score.indicators });
    records.push({
      month,
      score: score.score,
      rank,
      categorySize: categorySize.get(unit.category) ?? 0,
      lagging,
      vetoed,
      reported,
      behindPlan: behindPlan(index, unit.id, month, reports),
    });
  }
  return { result: { month, units }, records };
}

function behindPlan(index: CycleIndex, unit: string, month: number, reports: MonthReports): string[] {
  const report = reports[unit];
  return index
    .indicatorsOf(unit)
    .filter((indicator) => !report || !meetsPlanToDate(indicator, month, report[indicator.id]))
    .map((indicator) => indicator.id);
}
