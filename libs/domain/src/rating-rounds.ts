import { deadlineAfter, type CyclePeriodSpan } from './calendar';
import type { Policy } from './policy';
import { raterGroupKind, raterRefusal, ratedMonthsOf, type RaterContext, type RaterGroup } from './ratings';
import { remindersBefore } from './timeline';

/*
 * Rating rounds (评议轮次): when a rated month's report window opens, a round opens for every
 * indicator rated in that month; it closes by itself `policy.ratingDeadline` after the month ends.
 */

/** The rulebook's default for `policy.ratingDeadline` (policies stored before it existed). */
export const DEFAULT_RATING_DEADLINE = '5d';

/** When a month's round opens, reminds and closes. */
export interface RatingRoundTimeline {
  month: number;
  opensAt: string;
  closesAt: string;
  reminders: string[];
}

/** The rounds of a cycle: one per month that at least one indicator is rated in, oldest first. */
export function ratingRoundTimelines(
  periods: readonly CyclePeriodSpan[],
  policy: Pick<Policy, 'calendar' | 'reminderOffsets'> & { ratingDeadline?: string },
  indicators: ReadonlyArray<{ raters?: readonly RaterGroup[]; ratedMonths?: readonly number[] }>,
): RatingRoundTimeline[] {
  const months = new Set(indicators.flatMap((indicator) => ratedMonthsOf(indicator)));
  return periods
    .filter((period) => months.has(period.month))
    .map((period) => {
      const closesAt = deadlineAfter(period.end, policy.ratingDeadline ?? DEFAULT_RATING_DEADLINE, policy.calendar);
      return {
        month: period.month,
        opensAt: period.end,
        closesAt,
        reminders: remindersBefore(closesAt, policy.reminderOffsets, period.end),
      };
    });
}

/** Who is asking to rate: the account, its roles and, for a unit head, the unit. */
export interface RatingPerson {
  userId: string;
  roles: readonly string[];
  unitId?: string;
}

/** The group a person rates an indicator in, and the id they rate under (a peer rates as its unit). */
export interface RaterSeat {
  group: string;
  rater: string;
}

/**
 * The group `person` rates the indicator of `context.unit` in, or the reason they may not: a
 * panel member in their panel, a unit head as a peer of the other units of the category (never
 * their own unit), an assessor among the assessors. The first group of `raters` that admits them.
 */
export function raterSeat(
  person: RatingPerson,
  raters: readonly RaterGroup[],
  context: RaterContext,
): RaterSeat | { refusal: string } {
  const refusals: string[] = [];
  for (const { group } of raters) {
    const kind = raterGroupKind(group);
    if (kind === null) continue;
    let rater: string | undefined;
    if (kind.kind === 'peers') rater = person.roles.includes('UNIT_HEAD') ? person.unitId : undefined;
    else if (kind.kind === 'assessors') rater = person.roles.includes('ASSESSOR') ? person.userId : undefined;
    else rater = person.userId;
    if (rater === undefined) continue;
    const refusal = raterRefusal(group, rater, context);
    if (refusal === null) return { group, rater };
    if (kind.kind !== 'panel' || (context.panels[kind.panel] ?? []).length > 0) refusals.push(refusal);
  }
  const own = refusals.find((refusal) => refusal.includes('own unit'));
  return {
    refusal:
      own ??
      `${person.userId} is not among the raters of ${context.unit}'s indicator (${raters.map(({ group }) => group).join(', ')})`,
  };
}
