import { z } from 'zod/v4';

const text = z.string().trim().min(1).max(2000);
const finiteNumber = z.number().refine(Number.isFinite, 'must be a finite number');

export const fileAppealBody = z.strictObject({ unitId: z.string().min(1), reason: text });
export const decideAppealBody = z.strictObject({
  decision: z.enum(['uphold', 'correct']),
  comment: text,
  values: z.record(z.string(), finiteNumber).optional(),
});
export const rankingVersionQuery = z.coerce.number().int().min(1).optional();

export type FileAppealBody = z.infer<typeof fileAppealBody>;
export type DecideAppealBody = z.infer<typeof decideAppealBody>;
