/** Indicator values of one approved report: indicator id -> cumulative amount to date, or the level for a rate. */
export type ReportValues = Readonly<Record<string, number>>;

/** The approved reports of one month: unit id -> values. A unit without an approved report is absent. */
export type MonthReports = Readonly<Record<string, ReportValues>>;
