import { clampEfficacy, rawEfficacy, type ScoreBounds } from './efficacy';
import type { Indicator } from './indicator';
import { meetsPlanToDate, targetsToDate } from './plan';
import { deemedFailed } from './ratings';
import type { ReportValues } from './report';
import { trafficLight, type Light } from './traffic-light';

/** How one indicator of a unit stands in a month. */
export interface IndicatorResult {
  indicator: string;
  /** The clamped efficacy coefficient, unrounded. */
  d: number;
  light: Light;
}

/** The policy fields scoring reads. */
export interface ScoringPolicy extends ScoreBounds {
  yellowFrom: number;
}

/** A unit's score in a month with the standing of each indicator. */
export interface UnitScore {
  score: number;
  indicators: IndicatorResult[];
}

/**
 * Scores one indicator's actual in `month`: its d and traffic light. A value below the
 * indicator's `failBelow` is deemed failed (视为不合格): the floor and red, whatever the formula gives.
 */
export function scoreIndicator(
  indicator: Indicator,
  month: number,
  actual: number,
  policy: ScoringPolicy,
): IndicatorResult {
  if (deemedFailed(indicator, actual)) return { indicator: indicator.id, d: policy.scoreFloor, light: 'red' };
  const raw = rawEfficacy(indicator.direction, targetsToDate(indicator, month), actual);
  const light = trafficLight(meetsPlanToDate(indicator, month, actual), raw, policy.yellowFrom);
  return { indicator: indicator.id, d: clampEfficacy(raw, policy), light };
}

/**
 * A unit's score for `month` from its approved report: the sum of `weight * d / 100`,
 * unrounded (rounding is for display only). Without an approved report the score is 0.
 */
export function unitScore(
  indicators: readonly Indicator[],
  month: number,
  report: ReportValues | undefined,
  policy: ScoringPolicy,
): UnitScore {
  if (!report) return { score: 0, indicators: [] };
  const results = indicators.map((indicator) => scoreIndicator(indicator, month, actualOf(report, indicator), policy));
  const score = results.reduce((sum, result, index) => sum + (indicators[index].weight * result.d) / 100, 0);
  return { score, indicators: results };
}

function actualOf(report: ReportValues, indicator: Indicator): number {
  const actual = report[indicator.id];
  if (actual === undefined) throw new RangeError(`The report has no value for indicator ${indicator.id}`);
  return actual;
}
