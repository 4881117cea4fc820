import { z } from 'zod';
import type { CyclePeriodSpan } from './calendar';
import { zoneOffsetMs } from './calendar';
import { durationMs, durationSchema } from './duration';
import { idSchema } from './identifier';
import type { Policy } from './policy';
import { SCENARIO_LIMITS } from './scenario-limits';
import { monthTimelines, remindersBefore } from './timeline';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05 was a Monday: calendar weeks start on Mondays. */
const A_MONDAY_MS = 4 * DAY_MS;

/** The most weeks a cycle dispatches: a year's calendar weeks (53 at most) with room to spare. */
export const MAX_DISPATCH_WEEKS = 60;

/**
 * `policy.weeklyDispatch` (每周调度): the categories whose units send a weekly note on each of their
 * key projects, and the reminders before a week closes. `weekLength` replaces the calendar week
 * (test cycles: '20s').
 */
export const weeklyDispatchSchema = z
  .object({
    categories: z
      .array(idSchema)
      .min(1, { message: 'name at least one category to dispatch weekly' })
      .max(SCENARIO_LIMITS.categories, { message: `at most ${SCENARIO_LIMITS.categories} categories` })
      .refine((ids) => new Set(ids).size === ids.length, { message: 'a category is listed twice' }),
    reminders: z
      .array(durationSchema)
      .max(SCENARIO_LIMITS.maxReminderOffsets, { message: `at most ${SCENARIO_LIMITS.maxReminderOffsets} reminders` })
      .default(['1d']),
    weekLength: durationSchema
      .refine((length) => durationMs(length) > 0, { message: 'weekLength must be above 0' })
      .optional(),
  })
  .strict();
export type WeeklyDispatchPolicy = z.output<typeof weeklyDispatchSchema>;

/** One week of the weekly dispatch: notes are taken from `start` until `end` (the week closes), reminders before. */
export interface DispatchWeek {
  /** 1, 2, ... from the cycle's start. */
  week: number;
  start: string;
  end: string;
  reminders: string[];
}

/**
 * The cycle's dispatch weeks, from the first period's start to the last period's end: calendar
 * weeks (Monday 00:00 to Monday 00:00 in the calendar's zone; the first and last cut at the
 * cycle's bounds), or back-to-back spans of `weekLength` from the start. A week closes at its end:
 * its notes are due then, and the reminders come `reminders` before. At most
 * `MAX_DISPATCH_WEEKS` weeks; none when the policy dispatches nothing.
 */
export function dispatchWeeks(periods: readonly CyclePeriodSpan[], policy: Policy): DispatchWeek[] {
  const dispatch = policy.weeklyDispatch;
  if (!dispatch || periods.length === 0) return [];
  const cycleStart = Date.parse(periods[0]!.start);
  const cycleEnd = Date.parse(periods[periods.length - 1]!.end);
  const nextBoundary = (from: number): number => {
    if (dispatch.weekLength !== undefined) return from + durationMs(dispatch.weekLength);
    const offset = zoneOffsetMs(policy.calendar);
    const sinceMonday = (((from + offset - A_MONDAY_MS) % WEEK_MS) + WEEK_MS) % WEEK_MS;
    return from - sinceMonday + WEEK_MS;
  };
  const weeks: DispatchWeek[] = [];
  for (let start = cycleStart; start < cycleEnd && weeks.length < MAX_DISPATCH_WEEKS; ) {
    const end = Math.min(nextBoundary(start), cycleEnd);
    const [startIso, endIso] = [new Date(start).toISOString(), new Date(end).toISOString()];
    weeks.push({
      week: weeks.length + 1,
      start: startIso,
      end: endIso,
      reminders: remindersBefore(endIso, dispatch.reminders, startIso),
    });
    start = end;
  }
  return weeks;
}

/** The week open at `now` (its notes are being taken), or undefined outside every week. */
export function weekAt(weeks: readonly DispatchWeek[], now: number): DispatchWeek | undefined {
  return weeks.find((week) => Date.parse(week.start) <= now && now < Date.parse(week.end));
}

/** One timer of a cycle's key-project calendar: a week's reminder, a week's close, or a month's portfolio notices. */
export type KeyProjectCalendarEvent =
  | { kind: 'remind'; at: string; week: number; end: string; reminder: number }
  | { kind: 'closeWeek'; at: string; week: number; end: string }
  | { kind: 'portfolio'; at: string; month: number };

/**
 * The timers of a cycle's key projects besides the milestones': each dispatch week's reminders
 * and close, and each month's portfolio notices to the leaders in command, at the close of the
 * month's progress (its report deadline: the month's slips and stalls are then certain). In time
 * order (a week's close before a month's notices at the same instant); only those after `now`.
 */
export function keyProjectCalendar(
  periods: readonly CyclePeriodSpan[],
  policy: Policy,
  now: number,
): KeyProjectCalendarEvent[] {
  const events: KeyProjectCalendarEvent[] = [];
  for (const week of dispatchWeeks(periods, policy)) {
    week.reminders.forEach((at, reminder) =>
      events.push({ kind: 'remind', at, week: week.week, end: week.end, reminder }),
    );
    events.push({ kind: 'closeWeek', at: week.end, week: week.week, end: week.end });
  }
  for (const timeline of monthTimelines(periods, policy))
    events.push({ kind: 'portfolio', at: timeline.dueAt, month: timeline.month });
  const order = { remind: 0, closeWeek: 1, portfolio: 2 } as const;
  return events
    .filter((event) => Date.parse(event.at) > now)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || order[a.kind] - order[b.kind]);
}
