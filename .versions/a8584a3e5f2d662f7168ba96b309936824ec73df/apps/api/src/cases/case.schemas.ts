import { z } from 'zod/v4';
import { CASE_STATUSES } from '../../../../libs/contracts/src';

const text = z.string().trim().min(1).max(4000);

/** Body of an approver's decision: a rejection needs a reason. */
export const decideCaseBody = z
  .strictObject({ approve: z.boolean(), reason: text.optional() })
  .refine((body) => body.approve || body.reason !== undefined, {
    path: ['reason'],
    message: 'a rejection needs a reason',
  });

/** Body of recording the next step of a case's procedure. */
export const recordCaseStepBody = z.strictObject({ step: z.string().trim().min(1).max(100), note: text.optional() });

/** Filters of the case list. */
export const listCasesQuery = z.strictObject({
  cycleId: z.string().min(1).optional(),
  unitId: z.string().min(1).optional(),
  status: z.enum(CASE_STATUSES).optional(),
});

export type DecideCaseBody = z.infer<typeof decideCaseBody>;
export type RecordCaseStepBody = z.infer<typeof recordCaseStepBody>;
export type ListCasesQuery = z.infer<typeof listCasesQuery>;
