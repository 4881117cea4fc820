import { MONTHS_IN_CYCLE } from './assessment-period';
import type { CyclePeriodSpan } from './calendar';
import { cycleMonthOf, type Milestone, type MilestoneKind } from './key-projects';
import type { Policy } from './policy';
import { monthTimelines } from './timeline';

/** When a milestone's slip is decided: the close of its due month's progress. */
export interface MilestoneCheckTime {
  milestone: MilestoneKind;
  due: string;
  /** The cycle's month of the due date (a date before the year counts as month 1). */
  month: number;
  /** The month's report deadline: its progress, reached milestones included, is taken until then. */
  checkAt: string;
}

/**
 * When each milestone's slip is decided in a live cycle. A milestone reached on any day of its
 * due month does not slip (`milestoneSlips`), and that month's progress is reported with the
 * month's report, so the slip is certain only when that report's window closes. Milestones due
 * after the cycle's year are not watched by this cycle.
 */
export function milestoneCheckTimes(
  milestones: readonly Milestone[],
  year: number,
  periods: readonly CyclePeriodSpan[],
  policy: Policy,
): MilestoneCheckTime[] {
  const timelines = monthTimelines(periods, policy);
  return milestones.flatMap(({ kind, due }) => {
    const month = Math.max(1, cycleMonthOf(due, year));
    if (month > MONTHS_IN_CYCLE) return [];
    return [{ milestone: kind, due, month, checkAt: timelines[month - 1]!.dueAt }];
  });
}

/** How many months' progress has closed at `now`: the months whose report deadline has passed. */
export function closedProgressMonths(periods: readonly CyclePeriodSpan[], policy: Policy, now: number): number {
  return monthTimelines(periods, policy).filter((timeline) => Date.parse(timeline.dueAt) <= now).length;
}
