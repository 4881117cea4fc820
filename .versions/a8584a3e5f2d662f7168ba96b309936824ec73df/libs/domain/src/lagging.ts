/** Where a unit stands at the bottom of its category in a month. */
export interface BottomStanding {
  vetoed: boolean;
  /** Units of the category standing strictly below this one. */
  unitsBelow: number;
  categorySize: number;
}

/**
 * 落后: vetoed, or fewer than `bottomN` units strictly below it in a category larger than
 * `bottomN`. So units tied for last all lag, and a unit alone in its category never lags on rank.
 */
export function isLagging(standing: BottomStanding, bottomN: number): boolean {
  if (standing.vetoed) return true;
  return standing.categorySize > bottomN && standing.unitsBelow < bottomN;
}

/**
 * How many consecutive months up to and including `month` a condition held, where
 * `months[m - 1]` is month m. Stops at the first month it did not hold.
 */
export function streakEndingAt<T>(months: readonly T[], month: number, holds: (item: T) => boolean): number {
  let streak = 0;
  while (streak < month && holds(months[month - 1 - streak])) streak += 1;
  return streak;
}
