import type { Indicator } from './indicator';
import type { MonthTimeline } from './timeline';

/** The usual top of a rating scale (百分制), raised when an indicator's own values are higher. */
const RATING_SCALE_TOP = 100;

/** Ratings above the top of the scale happen (an exceptional year scores past the satisfactory value), up to this many times the top. */
const RATING_HEADROOM = 2;

/**
 * The values a manual rating of `indicator` may take: never negative, and at most twice the top of
 * its scale (100, or the indicator's own satisfactory or disallowed value when higher): room for
 * exceptional ratings, none for a slip of an order of magnitude.
 */
export function ratingScaleOf(indicator: Pick<Indicator, 'satisfactory' | 'disallowed'>): {
  min: number;
  max: number;
} {
  return {
    min: 0,
    max: RATING_HEADROOM * Math.max(RATING_SCALE_TOP, indicator.satisfactory, indicator.disallowed),
  };
}

/**
 * The latest an extension of a month's report may run to: the month's review deadline plus the
 * resubmission window. A report due later could not be reviewed before the month is ranked.
 */
export function latestExtensionEnd(timeline: Pick<MonthTimeline, 'reviewDueAt'>, resubmitWindowMs: number): string {
  return new Date(Date.parse(timeline.reviewDueAt) + resubmitWindowMs).toISOString();
}
