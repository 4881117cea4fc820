import { z } from 'zod';
import { boundedValueSchema } from '@jiebang/domain';
import { idValue, text, TEXT_LIMITS } from './fields';

/**
 * `POST /cycles/{id}/projects/{projectId}/progress`: one month's progress of a key project. The
 * milestones are checked against the project's own plan by the service (a kind of another project
 * is a 400 with its path), so any string is accepted here.
 */
export const reportProgressBody = z.strictObject({
  month: z.number().int().min(1).max(12),
  investment: boundedValueSchema('investment').nonnegative({ message: 'investment cannot be negative' }),
  milestones: z.array(z.string().min(1).max(40)).max(5).default([]),
  /** Required when the investment to date is lower than the last month's figure. */
  reason: text(TEXT_LIMITS.long).optional(),
  /** A note on the evidence: the document, the photo, where it can be seen. */
  evidence: text(TEXT_LIMITS.long).optional(),
});
export type ReportProgressBody = z.infer<typeof reportProgressBody>;

/** `GET /cycles/{id}/projects/map`: optional filters by owner unit, leader in command and the unit's category. */
export const projectMapQuery = z.strictObject({
  unit: idValue.optional(),
  leader: idValue.optional(),
  category: idValue.optional(),
});
export type ProjectMapQuery = z.infer<typeof projectMapQuery>;
