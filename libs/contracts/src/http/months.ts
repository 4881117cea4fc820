import { z } from 'zod';
import { idValue, reportedValue, text, TEXT_LIMITS, wholeNumberQuery } from './fields';
import type { RankingCause } from '../cycle';
import { opaque } from './fields';

const reason = text(TEXT_LIMITS.long);

export const fileAppealBody = z.strictObject({ unitId: idValue, reason });
export const decideAppealBody = z.strictObject({
  decision: z.enum(['uphold', 'correct']),
  comment: reason,
  values: z.record(idValue, reportedValue).optional(),
});
export const rankingVersionQuery = wholeNumberQuery(1, 1_000_000).optional();

export type FileAppealBody = z.infer<typeof fileAppealBody>;
export type DecideAppealBody = z.infer<typeof decideAppealBody>;

// Answers

/** A ranking version's standing: provisional until the month closes, then final, published, or superseded by a correction. */
export const RANKING_STATUSES = ['provisional', 'final', 'published', 'superseded'] as const;
export type RankingStatus = (typeof RANKING_STATUSES)[number];

export const unitScoreView = z.object({
  unit: z.string(),
  category: z.string(),
  score: z.number().describe('Unrounded; round to 2 decimals for display'),
  rank: z.number(),
  lagging: z.boolean(),
  vetoed: z.boolean(),
  reported: z.boolean(),
  indicators: z.array(
    z.object({
      indicator: z.string(),
      d: z.number(),
      light: z.enum(['green', 'yellow', 'red']),
      deemedFailed: z
        .object({ value: z.number(), failBelow: z.number() })
        .optional()
        .describe(
          "视为不合格: the rated value fell below the indicator's failBelow, so the indicator counts as failed",
        ),
    }),
  ),
});
export type UnitScoreView = z.infer<typeof unitScoreView>;

export const monthRankingView = z.object({
  cycleId: z.string(),
  month: z.number(),
  version: z.number(),
  status: z.enum(RANKING_STATUSES),
  reason: z.string().describe('Why this version exists, in English'),
  cause: opaque<RankingCause>()
    .nullable()
    .describe(
      'The same as data: month_settled {units}, closed_by_assessor {settled, units} or appeal_corrected {unitId, comment}; null for versions frozen before it was recorded',
    ),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  publishedBy: z.string().nullable(),
  units: z.array(unitScoreView),
  cases: z.array(z.unknown()).describe('Cases this version fires, with explanations'),
});
export type MonthRankingView = z.infer<typeof monthRankingView>;
