import { z } from 'zod';

/** The spans a ladder rule can look at: the month itself, its quarter, its half year, the year. */
export const ASSESSMENT_PERIODS = ['month', 'quarter', 'half_year', 'year'] as const;

export type AssessmentPeriod = (typeof ASSESSMENT_PERIODS)[number];

/** One of `ASSESSMENT_PERIODS`. */
export const assessmentPeriodSchema = z.enum(ASSESSMENT_PERIODS);

const PERIOD_LENGTH: Record<AssessmentPeriod, number> = { month: 1, quarter: 3, half_year: 6, year: 12 };

/** The cycle has twelve assessment months. */
export const MONTHS_IN_CYCLE = 12;

/** Whether `month` (1..12) is the last month of its period: every month, 3/6/9/12, 6/12, or 12. */
export function closesPeriod(month: number, period: AssessmentPeriod): boolean {
  return month % PERIOD_LENGTH[period] === 0;
}

/** The months of the period containing `month`, from its first month up to `month` itself. */
export function periodMonthsTo(month: number, period: AssessmentPeriod): number[] {
  const length = PERIOD_LENGTH[period];
  const first = Math.floor((month - 1) / length) * length + 1;
  return Array.from({ length: month - first + 1 }, (_, index) => first + index);
}

/** How explanations name a period. */
export const PERIOD_WORDS: Readonly<Record<AssessmentPeriod, string>> = {
  month: 'month',
  quarter: 'quarter',
  half_year: 'half year',
  year: 'year',
};
