import type { AnnualResult } from './annual';
import { MONTHS_IN_CYCLE } from './assessment-period';
import type { CycleRules } from './cycle-rules';
import type { FiredCase } from './fired-case';
import { closeMonth, initialCycleState } from './month-close';
import type { Indicator } from './indicator';
import { resolveRatedValues, type RatedYearReports } from './rated-reports';
import type { MonthReports, ReportValues } from './report';
import type { MonthResult } from './unit-month';
import type { VetoEvent } from './veto';

/** Approved reports of a whole year: unit id -> month ("1".."12") -> values. */
export type YearReports = Readonly<Record<string, Readonly<Record<string, ReportValues>>>>;

/** A year to simulate: a validated scenario is one. */
export interface SimulationInput extends CycleRules {
  /** Numbers, or in an indicator's rated months the raters' ratings (resolved by `monthReportsOf`). */
  reports: RatedYearReports;
  vetoes: readonly VetoEvent[];
}

/** The whole year: every month's standings, every case fired, and each unit's annual task. */
export interface SimulationResult {
  months: MonthResult[];
  cases: FiredCase[];
  annual: AnnualResult[];
}

/**
 * The approved reports of one month, picked out of a year's reports, each ratings object
 * replaced by the value it gives (`indicators` must hold every indicator given ratings).
 */
export function monthReportsOf(
  reports: RatedYearReports,
  month: number,
  indicators: readonly Indicator[] = [],
): MonthReports {
  const byId = new Map(indicators.map((indicator) => [indicator.id, indicator]));
  const picked: Record<string, ReportValues> = {};
  for (const [unit, months] of Object.entries(reports)) {
    const values = months[String(month)];
    if (values) picked[unit] = resolveRatedValues(values, month, byId);
  }
  return picked;
}

/**
 * Runs a whole year as the cycle workflow does, folding `closeMonth` over the twelve months,
 * with every proposed case approved.
 */
export function simulate(scenario: SimulationInput): SimulationResult {
  const { policy, categories, units, indicators } = scenario;
  let state = initialCycleState({ policy, categories, units, indicators });
  const months: MonthResult[] = [];
  const cases: FiredCase[] = [];
  let annual: AnnualResult[] = [];
  for (let month = 1; month <= MONTHS_IN_CYCLE; month += 1) {
    const closed = closeMonth(state, {
      month,
      reports: monthReportsOf(scenario.reports, month, indicators),
      vetoes: scenario.vetoes,
    });
    months.push(closed.month);
    cases.push(...closed.cases);
    state = closed.state;
    if (closed.annual) annual = closed.annual.map(({ unit, completed }) => ({ unit, completed }));
  }
  return { months, cases, annual };
}
