import { z } from 'zod';
import { idValue, reportedValue, text, TEXT_LIMITS, wholeNumberQuery } from './fields';

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
