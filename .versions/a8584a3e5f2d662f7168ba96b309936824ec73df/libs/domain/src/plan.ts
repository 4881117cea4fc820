import { MONTHS_IN_CYCLE } from './assessment-period';
import type { Direction, Indicator } from './indicator';

/** The satisfactory and disallowed values an actual is judged against in one month. */
export interface TargetsToDate {
  satisfactory: number;
  disallowed: number;
}

/** The planned share of the annual target by the end of `month`: the custom plan, or time-sequence progress m/12. */
export function planShare(indicator: Pick<Indicator, 'plan'>, month: number): number {
  return indicator.plan?.[month - 1] ?? month / MONTHS_IN_CYCLE;
}

/**
 * H_m and S_m: a cumulative indicator is judged against its plan to date, a rate indicator
 * against its annual values unchanged.
 */
export function targetsToDate(
  indicator: Pick<Indicator, 'measure' | 'satisfactory' | 'disallowed' | 'plan'>,
  month: number,
): TargetsToDate {
  if (indicator.measure === 'rate') return { satisfactory: indicator.satisfactory, disallowed: indicator.disallowed };
  const share = planShare(indicator, month);
  return { satisfactory: share * indicator.satisfactory, disallowed: share * indicator.disallowed };
}

/** Whether an actual meets a target in the indicator's direction (`x >= H`, or `x <= H` for decrease). */
export function meetsTarget(direction: Direction, actual: number, target: number): boolean {
  return direction === 'increase' ? actual >= target : actual <= target;
}

/** Whether an actual meets the plan to date (`x` reaches `H_m`): a green light, and no plan miss. */
export function meetsPlanToDate(
  indicator: Pick<Indicator, 'direction' | 'measure' | 'satisfactory' | 'disallowed' | 'plan'>,
  month: number,
  actual: number,
): boolean {
  return meetsTarget(indicator.direction, actual, targetsToDate(indicator, month).satisfactory);
}
