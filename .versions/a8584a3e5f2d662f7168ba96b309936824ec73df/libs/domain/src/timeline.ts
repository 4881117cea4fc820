import { deadlineAfter, type CyclePeriodSpan } from './calendar';
import { durationMs } from './duration';
import type { Policy } from './policy';

/** When a month's report window opens, when it is due and reviewed, and when to remind. */
export interface MonthTimeline {
  month: number;
  opensAt: string;
  dueAt: string;
  reminders: string[];
  reviewDueAt: string;
}

export interface PledgeTimeline {
  openedAt: string;
  deadline: string;
  reminders: string[];
}

/**
 * Every month's deadlines. A month's report opens when the month ends and is due
 * `policy.reportWindow` later when the policy sets one (test cycles with second-long months),
 * otherwise on `reportDueDay` of the next month; review is due `reviewDeadline` after that.
 * Day-based deadlines move off weekends and holidays (see `deadlineAfter`).
 */
export function monthTimelines(periods: readonly CyclePeriodSpan[], policy: Policy): MonthTimeline[] {
  return periods.map((period) => {
    const dueAt = deadlineAfter(period.end, policy.reportWindow ?? `${policy.reportDueDay}d`, policy.calendar);
    return {
      month: period.month,
      opensAt: period.end,
      dueAt,
      reminders: remindersBefore(dueAt, policy.reminderOffsets, period.end),
      reviewDueAt: deadlineAfter(dueAt, policy.reviewDeadline, policy.calendar),
    };
  });
}

/** When the pledge opened by `openedAt` is due, and when to remind before it. */
export function pledgeTimeline(openedAt: string, policy: Policy): PledgeTimeline {
  const deadline = deadlineAfter(openedAt, policy.pledgeDeadline, policy.calendar);
  return { openedAt, deadline, reminders: remindersBefore(deadline, policy.reminderOffsets, openedAt) };
}

/** Reminder instants `offsets` before `deadline`, oldest first, dropping those not after `notBefore`. */
export function remindersBefore(deadline: string, offsets: readonly string[], notBefore: string): string[] {
  const floor = Date.parse(notBefore);
  return offsets
    .map((offset) => Date.parse(deadline) - durationMs(offset))
    .filter((instant) => instant > floor)
    .sort((a, b) => a - b)
    .map((instant) => new Date(instant).toISOString());
}
