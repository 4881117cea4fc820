/** Dimensions whose actual value is a rating (entered by assessors, or given by many raters), not reported by the unit. */
export const MANUAL_RATING_DIMENSIONS = ['政风评议', '依法行政', '领导评议', '群众满意度'] as const;

/** Whether indicators of `dimension` are manual ratings. */
export function isManualRating(dimension: string): boolean {
  return (MANUAL_RATING_DIMENSIONS as readonly string[]).includes(dimension);
}
