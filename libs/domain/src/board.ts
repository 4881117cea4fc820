import { MONTHS_IN_CYCLE } from './assessment-period';
import type { Indicator } from './indicator';
import { targetsToDate } from './plan';
import type { Light } from './traffic-light';

/**
 * The board's rules (挂图作战): how a unit moved since last month, how far each indicator is
 * along its plan to date, which indicators are its strong and weak ones, and what is left to
 * reach the annual target. Pure: the API answers the board with them, the bulletin prints them.
 */

/**
 * Places gained since the previous month (positive: moved up, negative: moved down); null when
 * the unit had no rank the month before (month 1, or a ranking not visible to the reader).
 */
export function rankMovement(rank: number, previousRank: number | null | undefined): number | null {
  if (previousRank === null || previousRank === undefined) return null;
  return previousRank - rank;
}

/**
 * The actual as a percentage of the plan to date `H_m`: `100 * x / H_m` for an increase
 * indicator, `100 * H_m / x` for a decrease one (at or below the target reads 100 or more).
 * Null when the ratio has no meaning (a target or actual of 0 or below where it divides).
 */
export function planToDatePercent(
  indicator: Pick<Indicator, 'direction' | 'measure' | 'satisfactory' | 'disallowed' | 'plan'>,
  month: number,
  actual: number,
): number | null {
  const target = targetsToDate(indicator, month).satisfactory;
  if (indicator.direction === 'increase') return target > 0 ? (100 * actual) / target : null;
  if (actual > 0 && target > 0) return (100 * target) / actual;
  return actual <= target && target >= 0 ? 100 : null;
}

/** One indicator of a unit as the board sorts it. */
export interface StandingIndicator {
  indicator: string;
  light: Light;
  /** The clamped efficacy coefficient d. */
  d: number;
  /** planToDatePercent, or null. */
  percent: number | null;
}

/** A unit's strong (优势) and weak (薄弱) indicators, strongest and weakest first. */
export interface StrongAndWeak {
  strong: string[];
  weak: string[];
}

/**
 * Strong (优势): the green indicators (on plan to date); weak (薄弱): the red ones. Yellow
 * indicators are neither. Each list holds at most `limit`, ordered by d and then by plan-to-date
 * %, strongest first for strong and weakest first for weak, then by id for a stable order.
 */
export function strongAndWeak(indicators: readonly StandingIndicator[], limit = 3): StrongAndWeak {
  const measure = (row: StandingIndicator) => [row.d, row.percent ?? 0] as const;
  const descending = (a: StandingIndicator, b: StandingIndicator) => {
    const [da, pa] = measure(a);
    const [db, pb] = measure(b);
    return db - da || pb - pa || a.indicator.localeCompare(b.indicator);
  };
  const strong = indicators.filter((row) => row.light === 'green').sort(descending);
  const weak = indicators.filter((row) => row.light === 'red').sort((a, b) => -descending(a, b));
  return {
    strong: strong.slice(0, limit).map((row) => row.indicator),
    weak: weak.slice(0, limit).map((row) => row.indicator),
  };
}

/**
 * Where an indicator stands against its annual target after a month:
 * - `reached`: the actual already meets the annual target (a cumulative decrease indicator
 *   never is before month 12: it may still overrun);
 * - `closing`: a gap remains and months remain; `pace` is the change needed each month;
 * - `within_limit`: a cumulative decrease indicator still under its annual ceiling; `pace` is
 *   what it may add each month and stay under it;
 * - `out_of_reach`: no month left to close the gap, or a cumulative ceiling already overrun.
 */
export type TargetGapStatus = 'reached' | 'closing' | 'within_limit' | 'out_of_reach';

export interface TargetGap {
  status: TargetGapStatus;
  /** How far from the annual target, in the indicator's unit, always >= 0 (0 once reached or within the limit). */
  gap: number;
  /** Months left after `month`. */
  monthsLeft: number;
  /** The monthly change needed (or, within a limit, allowed); null when out of reach. */
  pace: number | null;
}

/** The gap to the annual target `H` and the monthly pace that closes it in the months left. */
export function targetGap(
  indicator: Pick<Indicator, 'direction' | 'measure' | 'satisfactory'>,
  month: number,
  actual: number,
): TargetGap {
  const monthsLeft = Math.max(0, MONTHS_IN_CYCLE - month);
  const target = indicator.satisfactory;
  if (indicator.direction === 'decrease' && indicator.measure === 'cumulative') {
    if (actual > target) return { status: 'out_of_reach', gap: actual - target, monthsLeft, pace: null };
    if (monthsLeft === 0) return { status: 'reached', gap: 0, monthsLeft, pace: 0 };
    return { status: 'within_limit', gap: 0, monthsLeft, pace: (target - actual) / monthsLeft };
  }
  const gap = indicator.direction === 'increase' ? target - actual : actual - target;
  if (gap <= 0) return { status: 'reached', gap: 0, monthsLeft, pace: 0 };
  if (monthsLeft === 0) return { status: 'out_of_reach', gap, monthsLeft, pace: null };
  return { status: 'closing', gap, monthsLeft, pace: gap / monthsLeft };
}
