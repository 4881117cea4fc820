/**
 * The range of every duration, date and count a scenario may state (docs/security.md lists
 * them). A value outside its range is refused by validation, naming the field, before anything
 * is stored: a deadline of 100000000d would otherwise reach date arithmetic past the last
 * representable instant.
 */
export const SCENARIO_LIMITS = {
  /** Every duration of a policy or ladder rule (pledgeDeadline, reviewDeadline, dueWithin, ...): up to a year. */
  maxDurationDays: 366,
  /** The reminders before a deadline. */
  maxReminderOffsets: 10,
  /** Units ranked last of a category that count as lagging. */
  maxBottomN: 1_000,
  categories: 1_000,
  units: 10_000,
  indicators: 100_000,
  /** Dimensions that the plan ladder watches. */
  planLadderDimensions: 100,
  /** Public holidays and make-up workdays, each. */
  calendarDates: 400,
} as const;

/** The longest duration a scenario may state, in milliseconds. */
export const MAX_DURATION_MS = SCENARIO_LIMITS.maxDurationDays * 86_400_000;
