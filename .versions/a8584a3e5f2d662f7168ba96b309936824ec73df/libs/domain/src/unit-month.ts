import type { IndicatorResult } from './unit-score';

/** A unit's standing in one month, as the result shows it. */
export interface UnitMonthResult {
  unit: string;
  /** Unrounded; 0 without an approved report. */
  score: number;
  rank: number;
  lagging: boolean;
  vetoed: boolean;
  /** Whether the unit has an approved report for the month. */
  reported: boolean;
  /** Empty when `reported` is false. */
  indicators: IndicatorResult[];
}

/** Every unit's standing in one month, in catalogue order. */
export interface MonthResult {
  month: number;
  units: UnitMonthResult[];
}

/** What the ladder remembers of a unit's month: its standing and which indicators were behind plan. */
export interface UnitMonthRecord {
  month: number;
  score: number;
  rank: number;
  /** Units in the unit's category that month. */
  categorySize: number;
  lagging: boolean;
  vetoed: boolean;
  reported: boolean;
  /** Indicators short of their plan to date; every indicator of the unit when it did not report. */
  behindPlan: string[];
}
