import type { Indicator } from './indicator';
import type { ReportValues } from './report';
import { combineRatings, isRatingsValue, ratedMonthsOf, type RatingsValue } from './ratings';

/** A report value as a scenario writes it: a number, or in a rated month the raters' ratings. */
export type RatedReportValue = number | RatingsValue;

/** Values of one report as a scenario writes them: indicator id -> number or ratings. */
export type RatedReportValues = Readonly<Record<string, RatedReportValue>>;

/** A year of reports as a scenario writes them: unit id -> month ("1".."12") -> values. */
export type RatedYearReports = Readonly<Record<string, Readonly<Record<string, RatedReportValues>>>>;

/**
 * The value a report gives an indicator in `month`: a number as it stands, a ratings object
 * combined by `combineRatings`. A ratings object is an error for an indicator without raters,
 * outside its rated months, or with no rating at all (the assessor's number is written instead).
 */
export function ratedValueOf(indicator: Indicator, month: number, value: RatedReportValue): number {
  if (!isRatingsValue(value)) return value;
  if (!indicator.raters || !ratedMonthsOf(indicator).includes(month))
    throw new RangeError(`Indicator ${indicator.id} is not rated by many in month ${month}: its value is a number`);
  const combined = combineRatings(indicator.raters, value.ratings);
  if (combined === null)
    throw new RangeError(
      `Indicator ${indicator.id} has no rating in month ${month}: an assessor's number stands instead`,
    );
  return combined;
}

/**
 * One report's values with every ratings object replaced by the value it gives; `indicators`
 * must hold every indicator given ratings.
 */
export function resolveRatedValues(
  values: RatedReportValues,
  month: number,
  indicators: ReadonlyMap<string, Indicator>,
): ReportValues {
  return Object.fromEntries(
    Object.entries(values).map(([id, value]) => {
      if (!isRatingsValue(value)) return [id, value];
      const indicator = indicators.get(id);
      if (!indicator) throw new RangeError(`Ratings for ${id}, which is not an indicator of the cycle`);
      return [id, ratedValueOf(indicator, month, value)];
    }),
  );
}
