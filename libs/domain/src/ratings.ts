import { z } from 'zod';
import { MONTHS_IN_CYCLE } from './assessment-period';
import { finiteNumberSchema } from './finite-number';
import { idSchema, nameSchema } from './identifier';
import { isManualRating, MANUAL_RATING_DIMENSIONS } from './manual-rating';

/*
 * Ratings by many (交叉考核, 巡察考核, 群众满意度测评): a manual-rating indicator may be rated by
 * groups of raters, each group's mean weighted into one value; a value below `failBelow` is
 * deemed failed (视为不合格).
 */

/** The groups every indicator may name; panels are named `panel:NAME` after `policy.panels`. */
export const ASSESSORS_GROUP = 'assessors';
export const PEERS_GROUP = 'peers';
export const PANEL_GROUP_PREFIX = 'panel:';

/** Who rates in a group: any assessor, the heads of the other units of the category, or a panel's members. */
export type RaterGroupKind = { kind: 'assessors' } | { kind: 'peers' } | { kind: 'panel'; panel: string };

/** The kind of a group as an indicator names it, or null when it names none. */
export function raterGroupKind(group: string): RaterGroupKind | null {
  if (group === ASSESSORS_GROUP) return { kind: 'assessors' };
  if (group === PEERS_GROUP) return { kind: 'peers' };
  if (group.startsWith(PANEL_GROUP_PREFIX) && group.length > PANEL_GROUP_PREFIX.length)
    return { kind: 'panel', panel: group.slice(PANEL_GROUP_PREFIX.length) };
  return null;
}

/** Weights of the groups must add up to 1 within this much (0.3 + 0.3 + 0.4 is not exactly 1 in binary). */
const WEIGHT_SUM_TOLERANCE = 1e-9;

/** One group of an indicator's raters with its weight. */
export const raterGroupSchema = z
  .object({
    group: z.string(),
    weight: finiteNumberSchema('a group weight').positive({ message: 'a group weight must be above 0' }),
  })
  .strict();
export type RaterGroup = z.infer<typeof raterGroupSchema>;

/** An indicator's `raters`: known groups, each once, their weights adding up to 1. */
export const ratersSchema = z
  .array(raterGroupSchema)
  .min(1, { message: 'list at least one group of raters' })
  .superRefine((raters, context) => {
    const firstAt = new Map<string, number>();
    raters.forEach(({ group }, index) => {
      if (raterGroupKind(group) === null)
        context.addIssue({
          code: 'custom',
          path: [index, 'group'],
          message: `unknown group ${JSON.stringify(group)}: expected "${ASSESSORS_GROUP}", "${PEERS_GROUP}" or "${PANEL_GROUP_PREFIX}NAME"`,
        });
      const first = firstAt.get(group);
      if (first !== undefined)
        context.addIssue({
          code: 'custom',
          path: [index, 'group'],
          message: `group ${JSON.stringify(group)} is listed twice, first at raters[${first}]`,
        });
      else firstAt.set(group, index);
    });
    const total = raters.reduce((sum, { weight }) => sum + weight, 0);
    if (Math.abs(total - 1) > WEIGHT_SUM_TOLERANCE)
      context.addIssue({
        code: 'custom',
        message: `the group weights add up to ${Number(total.toFixed(6))}, expected 1`,
      });
  });

/** The months an indicator is rated by its raters in: whole months 1..12, each once. */
export const ratedMonthsSchema = z
  .array(
    z
      .number()
      .int({ message: 'a month is a whole number from 1 to 12' })
      .min(1, { message: 'a month is a whole number from 1 to 12' })
      .max(MONTHS_IN_CYCLE, { message: 'a month is a whole number from 1 to 12' }),
  )
  .min(1, { message: 'list at least one month' })
  .refine((months) => new Set(months).size === months.length, { message: 'a month is listed twice' });

/** Months rated by the raters when an indicator with raters names none: the year's end. */
export const DEFAULT_RATED_MONTHS: readonly number[] = [MONTHS_IN_CYCLE];

/** The fields of an indicator these rules read. */
export interface RatedIndicatorFields {
  dimension: string;
  raters?: readonly RaterGroup[];
  failBelow?: number;
  ratedMonths?: readonly number[];
}

/**
 * What is wrong with an indicator's rating fields, each with the field's name: `raters`,
 * `failBelow` and `ratedMonths` belong to manual ratings only, and `ratedMonths` to an indicator
 * with raters (without them an assessor rates every month).
 */
export function ratingFieldProblems(indicator: RatedIndicatorFields): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const dimensions = `${MANUAL_RATING_DIMENSIONS.slice(0, -1).join(', ')} or ${MANUAL_RATING_DIMENSIONS.at(-1)}`;
  const notManual = (field: string) => ({
    field,
    message: `${field} is only for a manual rating (dimension ${dimensions}), not ${indicator.dimension}`,
  });
  if (!isManualRating(indicator.dimension)) {
    if (indicator.raters !== undefined) problems.push(notManual('raters'));
    if (indicator.failBelow !== undefined) problems.push(notManual('failBelow'));
    if (indicator.ratedMonths !== undefined) problems.push(notManual('ratedMonths'));
  } else if (indicator.ratedMonths !== undefined && indicator.raters === undefined) {
    problems.push({
      field: 'ratedMonths',
      message: 'ratedMonths needs raters: without them an assessor rates the indicator every month',
    });
  }
  return problems;
}

/** The months whose value comes from a rating round: none without raters, `[12]` by default. */
export function ratedMonthsOf(indicator: Pick<RatedIndicatorFields, 'raters' | 'ratedMonths'>): readonly number[] {
  if (!indicator.raters) return [];
  return indicator.ratedMonths ?? DEFAULT_RATED_MONTHS;
}

/** The lowest and highest a single rating may be. */
export const RATING_MIN = 0;
export const RATING_MAX = 100;

/** One rater's score. */
export const ratingScoreSchema = finiteNumberSchema('a rating')
  .min(RATING_MIN, { message: `a rating is from ${RATING_MIN} to ${RATING_MAX}` })
  .max(RATING_MAX, { message: `a rating is from ${RATING_MIN} to ${RATING_MAX}` });

/** A month's ratings of one indicator of one unit: group -> rater id -> score. */
export const ratingsValueSchema = z
  .object({ ratings: z.record(z.string(), z.record(idSchema, ratingScoreSchema)) })
  .strict();
export type RatingsValue = z.infer<typeof ratingsValueSchema>;

/** Whether a report value is a ratings object rather than a number. */
export function isRatingsValue(value: unknown): value is RatingsValue {
  return typeof value === 'object' && value !== null && 'ratings' in value;
}

/** Groups with at least this many ratings drop one highest and one lowest before taking the mean. */
export const TRIM_FROM = 5;

/**
 * A group's mean: of all its ratings, or with one highest and one lowest dropped when it has
 * `TRIM_FROM` (5) or more. Null for a group without ratings. The ratings are added lowest first,
 * so the value does not depend on the order the raters happen to be listed in.
 */
export function groupMean(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  const sorted = [...scores].sort((a, b) => a - b);
  const counted = sorted.length >= TRIM_FROM ? sorted.slice(1, -1) : sorted;
  return counted.reduce((sum, score) => sum + score, 0) / counted.length;
}

/**
 * The value of a round: each group's mean weighted by the group's weight, the weights rescaled
 * over the groups that have at least one rating. Null when no group has a rating (an assessor's
 * value stands instead). Groups in `ratings` but not in `raters` are an error.
 */
export function combineRatings(raters: readonly RaterGroup[], ratings: RatingsValue['ratings']): number | null {
  const known = new Set(raters.map(({ group }) => group));
  const stray = Object.keys(ratings).filter((group) => !known.has(group));
  if (stray.length > 0) throw new RangeError(`Ratings of group ${stray.join(', ')}, which is not among the raters`);
  let weighted = 0;
  let weights = 0;
  for (const { group, weight } of raters) {
    const mean = groupMean(Object.values(ratings[group] ?? {}));
    if (mean === null) continue;
    weighted += weight * mean;
    weights += weight;
  }
  return weights === 0 ? null : weighted / weights;
}

/** Whether an indicator's value in a month is deemed failed (视为不合格): below its `failBelow`. */
export function deemedFailed(indicator: Pick<RatedIndicatorFields, 'failBelow'>, actual: number): boolean {
  return indicator.failBelow !== undefined && actual < indicator.failBelow;
}

/** The panels of a policy: name -> the ids of its members. */
export const panelsSchema = z.record(
  nameSchema,
  z
    .array(idSchema)
    .min(1, { message: 'a panel has at least one member' })
    .superRefine((members, context) => {
      members.forEach((member, index) => {
        const first = members.indexOf(member);
        if (first !== index)
          context.addIssue({
            code: 'custom',
            path: [index],
            message: `${member} is listed twice in this panel, first at [${first}]`,
          });
      });
    }),
);
export type Panels = z.infer<typeof panelsSchema>;

/** What a rater's group is checked against: the rated unit, every unit's category, the policy's panels. */
export interface RaterContext {
  unit: string;
  /** Unit id -> category id, for every unit of the cycle. */
  categoryOf: ReadonlyMap<string, string>;
  panels: Readonly<Record<string, readonly string[]>>;
}

/**
 * Why `rater` may not rate `context.unit` in `group`, or null when it may: a peer is a unit of the
 * same category other than the unit itself; a panel rater is a member of that panel; an assessor
 * is any id.
 */
export function raterRefusal(group: string, rater: string, context: RaterContext): string | null {
  const kind = raterGroupKind(group);
  if (kind === null) return `unknown group ${JSON.stringify(group)}`;
  if (kind.kind === 'assessors') return null;
  if (kind.kind === 'peers') {
    if (rater === context.unit) return `${rater} cannot rate its own unit`;
    const raterCategory = context.categoryOf.get(rater);
    if (raterCategory === undefined) return `${rater} is not a unit: a peer is a unit of the same category`;
    const category = context.categoryOf.get(context.unit);
    return raterCategory === category
      ? null
      : `${rater} is in category ${raterCategory}, not ${String(category)} of unit ${context.unit}: peers rate within their category`;
  }
  const members = context.panels[kind.panel];
  if (members === undefined) return `no panel ${JSON.stringify(kind.panel)} in policy.panels`;
  return members.includes(rater) ? null : `${rater} is not a member of panel ${kind.panel}`;
}
