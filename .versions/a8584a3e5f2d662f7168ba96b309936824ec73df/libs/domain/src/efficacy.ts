import type { Direction } from './indicator';
import type { TargetsToDate } from './plan';

/** The policy bounds a single indicator score is clamped to. */
export interface ScoreBounds {
  scoreFloor: number;
  scoreCap: number;
}

/**
 * The efficacy coefficient (功效系数) d before clamping:
 * `60 + 40 (x - S) / (H - S)` for increase, `60 + 40 (S - x) / (S - H)` for decrease.
 */
export function rawEfficacy(direction: Direction, targets: TargetsToDate, actual: number): number {
  const { satisfactory, disallowed } = targets;
  return direction === 'increase'
    ? 60 + (40 * (actual - disallowed)) / (satisfactory - disallowed)
    : 60 + (40 * (disallowed - actual)) / (disallowed - satisfactory);
}

/** d clamped to `[scoreFloor, scoreCap]`. */
export function clampEfficacy(raw: number, bounds: ScoreBounds): number {
  return Math.min(bounds.scoreCap, Math.max(bounds.scoreFloor, raw));
}

/** The clamped efficacy coefficient of an actual against its targets. */
export function efficacyScore(
  direction: Direction,
  targets: TargetsToDate,
  actual: number,
  bounds: ScoreBounds,
): number {
  return clampEfficacy(rawEfficacy(direction, targets, actual), bounds);
}
