import { z } from 'zod';
import type { AnnualTask } from '@jiebang/domain';
import { opaque } from './fields';

// Answers of the year's results.

/** A year-end case of a unit (fired by month 12: year-end adjustment, bonus withheld, ...). */
export const yearEndCaseView = z.object({ caseId: z.string(), rung: z.string(), status: z.string() });
export type YearEndCaseView = z.infer<typeof yearEndCaseView>;

/** One unit's year: its annual task, its year score and rank (the final month-12 standing), its year-end cases. */
export const annualResultView = z.object({
  unitId: z.string(),
  categoryId: z.string(),
  completed: z.boolean(),
  yearScore: z.number().describe('The month-12 cumulative score, unrounded, as ranked'),
  yearRank: z.number().describe('Rank within its category at month 12 (vetoed units after all others)'),
  vetoed: z.boolean(),
  explanation: opaque<AnnualTask>().describe(
    'Why the annual task counts as completed or not (approved month 12, indicators, vetoes)',
  ),
  cases: z.array(yearEndCaseView),
});
export type AnnualResultView = z.infer<typeof annualResultView>;

/** GET /cycles/{cycleId}/annual-results: empty with `decided: false` until month 12 is final. */
export const annualResultsView = z.object({
  cycleId: z.string(),
  decided: z.boolean(),
  results: z.array(annualResultView),
});
export type AnnualResultsView = z.infer<typeof annualResultsView>;
