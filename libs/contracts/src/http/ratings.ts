import { z } from 'zod';

// Answers of the rating rounds (评议): a round as its caller sees it, the caller's own scores, and
// the panel members' personal links.

const ROUND_STATUSES = ['open', 'closed'] as const;

/** How far one group of an indicator's raters has got; `notYet` for assessors and administrators only. */
export const groupProgressView = z.object({
  group: z.string(),
  rated: z.number().int(),
  expected: z.number().int().nullable().describe('Null where the group has no fixed number of raters'),
  notYet: z.array(z.string()).optional().describe('Who has not rated yet: assessors and administrators only'),
});
export type GroupProgressView = z.infer<typeof groupProgressView>;

/** One rated indicator of the round. */
export const roundIndicatorView = z.object({
  indicatorId: z.string(),
  unitId: z.string(),
  groups: z.array(groupProgressView),
  value: z
    .number()
    .nullable()
    .describe("The round's value once it closed (null when nobody rated: an assessor rates instead)"),
  failBelow: z.number().nullable(),
  deemedFailed: z
    .boolean()
    .describe("视为不合格: the closed round's value is below failBelow, so the month scores the floor, red"),
});
export type RoundIndicatorView = z.infer<typeof roundIndicatorView>;

/** What the caller rates in the round: their own scores only. */
export const myRatingView = z.object({
  indicatorId: z.string(),
  unitId: z.string(),
  unitName: z.string().describe("For raters who cannot read the cycle's units (a RATER, a link)"),
  indicatorName: z.string(),
  group: z.string(),
  score: z.number().nullable(),
});
export type MyRatingView = z.infer<typeof myRatingView>;

/** `GET /cycles/{id}/rating-rounds/{month}`: the round, the caller's own scores, each indicator's progress. */
export const ratingRoundView = z.object({
  cycleId: z.string(),
  month: z.number().int(),
  status: z.enum(ROUND_STATUSES),
  closesAt: z.string(),
  mine: z.array(myRatingView),
  submittedAt: z
    .string()
    .nullable()
    .describe('When the caller submitted their ratings of the round (final from then on); null while they may change'),
  indicators: z.array(roundIndicatorView),
});
export type RatingRoundView = z.infer<typeof ratingRoundView>;

/** One personal link of a round, as assessors list them (never its address). */
export const ratingLinkView = z.object({
  linkId: z.string(),
  panel: z.string(),
  member: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
});
export type RatingLinkView = z.infer<typeof ratingLinkView>;

/** What a link's page shows: the round, the member's own scores, nothing of anyone else. */
export const linkRoundView = z.object({
  cycleId: z.string(),
  cycleName: z.string(),
  month: z.number().int(),
  panel: z.string(),
  member: z.string(),
  status: z.enum(ROUND_STATUSES),
  closesAt: z.string(),
  submittedAt: z.string().nullable(),
  mine: z.array(myRatingView),
});
export type LinkRoundView = z.infer<typeof linkRoundView>;

/** `GET /cycles/{id}/rating-rounds/{month}/links`. */
export const ratingLinksView = z.object({ links: z.array(ratingLinkView) });
export type RatingLinksView = z.infer<typeof ratingLinksView>;
