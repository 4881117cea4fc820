import type { Indicator } from './indicator';
import type { MonthTimeline } from './timeline';

/** The usual top of a rating scale (百分制), raised when an indicator's own values are higher. */
const RATING_SCALE_TOP = 100;

/**
 * The values a manual rating of `indicator` may take: from 0 to the larger of 100 and the
 * indicator's satisfactory and disallowed values. A rating is never negative.
 */
export function ratingScaleOf(indicator: Pick<Indicator, 'satisfactory' | 'disallowed'>): {
  min: number;
  max: number;
} {
  return { min: 0, max: Math.max(RATING_SCALE_TOP, indicator.satisfactory, indicator.disallowed) };
}

/**
 * The latest an extension of a month's report may run to: the month's review deadline plus the
 * resubmission window. A report due later could not be reviewed before the month is ranked.
 */
export function latestExtensionEnd(timeline: Pick<MonthTimeline, 'reviewDueAt'>, resubmitWindowMs: number): string {
  return new Date(Date.parse(timeline.reviewDueAt) + resubmitWindowMs).toISOString();
}
