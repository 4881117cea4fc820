/** Indicator values of one approved report: indicator id -> cumulative amount to date, or the level for a rate. */
export type ReportValues = Readonly<Record<string, number>>;

/** The approved reports of one month: unit id -> values. A unit without an approved report is absent. */
export type MonthReports = Readonly<Record<string, ReportValues>>;

/**
 * What is wrong with the values of a unit's report, one line per problem: every reported indicator
 * once, nothing else, finite numbers only. The unit's workflow refuses a report with problems, and
 * the API refuses a draft it saves itself by the same rule.
 */
export function reportValueProblems(indicatorIds: readonly string[], values: Record<string, unknown>): string[] {
  const problems = indicatorIds.filter((id) => !(id in values)).map((id) => `${id}: missing`);
  for (const [id, value] of Object.entries(values)) {
    if (!indicatorIds.includes(id)) problems.push(`${id}: not an indicator of this unit`);
    else if (typeof value !== 'number' || !Number.isFinite(value))
      problems.push(`${id}: ${JSON.stringify(value)} is not a finite number`);
  }
  return problems;
}
