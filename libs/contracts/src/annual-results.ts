import type { AnnualTask } from '@jiebang/domain';

/** A year-end case of a unit (fired by month 12: year-end adjustment, bonus withheld, ...). */
export interface YearEndCaseView {
  caseId: string;
  rung: string;
  status: string;
}

/** One unit's year: its annual task, its year score and rank (the final month-12 standing), its year-end cases. */
export interface AnnualResultView {
  unitId: string;
  categoryId: string;
  completed: boolean;
  /** The month-12 cumulative score, unrounded, as ranked. */
  yearScore: number;
  /** Rank within its category at month 12 (vetoed units after all others). */
  yearRank: number;
  vetoed: boolean;
  /** Why the annual task counts as completed or not (approved month 12, indicators, vetoes). */
  explanation: AnnualTask;
  cases: YearEndCaseView[];
}

/** GET /cycles/{cycleId}/annual-results: empty with `decided: false` until month 12 is final. */
export interface AnnualResultsView {
  cycleId: string;
  decided: boolean;
  results: AnnualResultView[];
}
