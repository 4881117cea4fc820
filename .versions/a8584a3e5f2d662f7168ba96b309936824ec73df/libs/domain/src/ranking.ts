import { isLagging } from './lagging';

/** A unit's monthly score as ranking sees it. */
export interface RankingEntry {
  unit: string;
  score: number;
  vetoed: boolean;
}

/** A unit's place in its category for a month. */
export interface CategoryStanding extends RankingEntry {
  /** Standard competition rank: equal scores share a rank (1, 2, 2, 4). */
  rank: number;
  lagging: boolean;
}

/** Vetoed units come after all others; then higher scores first. */
function standsAhead(a: RankingEntry, b: RankingEntry): number {
  if (a.vetoed !== b.vetoed) return a.vetoed ? 1 : -1;
  return b.score - a.score;
}

/**
 * Ranks one category's units for a month (ranks on unrounded scores) and marks who lags.
 * Returns the standings in the order of `entries`, so the result does not depend on input order.
 */
export function rankCategory(entries: readonly RankingEntry[], bottomN: number): CategoryStanding[] {
  // Explicit literals: object spread is many times slower here, and this runs for every category every month.
  const standings: CategoryStanding[] = entries.map(({ unit, score, vetoed }) => ({
    unit,
    score,
    vetoed,
    rank: 0,
    lagging: false,
  }));
  const order = standings.map((_, index) => index).sort((a, b) => standsAhead(entries[a], entries[b]));
  let first = 0;
  while (first < order.length) {
    let last = first;
    while (last + 1 < order.length && standsAhead(entries[order[first]], entries[order[last + 1]]) === 0) last += 1;
    // Vetoed units stand below everyone else, so they count as "below" for lagging: in the example
    // u03 does not lag in month 9 with a score of 0 because vetoed u00 stands below it.
    const unitsBelow = order.length - last - 1;
    for (const index of order.slice(first, last + 1)) {
      const standing = standings[index];
      standing.rank = first + 1;
      standing.lagging = isLagging({ vetoed: standing.vetoed, unitsBelow, categorySize: order.length }, bottomN);
    }
    first = last + 1;
  }
  return standings;
}
