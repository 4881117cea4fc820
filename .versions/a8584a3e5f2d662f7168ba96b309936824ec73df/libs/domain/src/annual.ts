import { indexCycle, type CycleRules } from './cycle-rules';
import type { Indicator } from './indicator';
import { meetsTarget } from './plan';
import type { MonthReports, ReportValues } from './report';
import { vetoedSince, type VetoEvent } from './veto';

/** Whether a unit completed its annual task, as the result reports it. */
export interface AnnualResult {
  unit: string;
  completed: boolean;
}

/** The annual task of one unit with the reasons it was not completed (a type alias, so it is plain JSON to stores). */
export type AnnualTask = AnnualResult & {
  /** Whether the unit has an approved month-12 report. */
  reported: boolean;
  /** The month the unit was first vetoed, or null. */
  vetoedSince: number | null;
  /** Indicators whose month-12 value falls short of the satisfactory value. */
  shortOf: string[];
};

/**
 * A unit completed its annual task when it has an approved month-12 report, every indicator
 * meets its satisfactory value there (`x >= H`, or `x <= H` for decrease), and no veto fired.
 */
export function assessAnnualTask(
  unit: string,
  indicators: readonly Indicator[],
  finalReport: ReportValues | undefined,
  vetoes: readonly VetoEvent[],
): AnnualTask {
  const vetoMonth = vetoedSince(unit, vetoes) ?? null;
  const shortOf = finalReport
    ? indicators
        .filter((indicator) => !meetsSatisfactory(indicator, finalReport[indicator.id]))
        .map((indicator) => indicator.id)
    : [];
  const completed = finalReport !== undefined && shortOf.length === 0 && vetoMonth === null;
  return { unit, completed, reported: finalReport !== undefined, vetoedSince: vetoMonth, shortOf };
}

function meetsSatisfactory(indicator: Indicator, actual: number | undefined): boolean {
  return actual !== undefined && meetsTarget(indicator.direction, actual, indicator.satisfactory);
}

/** The year's end as the annual task reads it: month 12's approved reports and the year's veto events. */
export interface YearEnd {
  reports: MonthReports;
  vetoes: readonly VetoEvent[];
}

/** The annual task of every unit, in the order units are listed. */
export function annualResults(rules: Pick<CycleRules, 'units' | 'indicators'>, yearEnd: YearEnd): AnnualTask[] {
  const index = indexCycle(rules);
  return rules.units.map((unit) =>
    assessAnnualTask(unit.id, index.indicatorsOf(unit.id), yearEnd.reports[unit.id], yearEnd.vetoes),
  );
}
