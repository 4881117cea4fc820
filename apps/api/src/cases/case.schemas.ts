import { z } from 'zod';
import { CASE_STATUSES } from '@jiebang/contracts';
import { idValue, text, TEXT_LIMITS } from '../common/schemas';

const note = text(TEXT_LIMITS.long);

/** Body of an approver's decision: a rejection needs a reason. */
export const decideCaseBody = z
  .strictObject({ approve: z.boolean(), reason: note.optional() })
  .refine((body) => body.approve || body.reason !== undefined, {
    path: ['reason'],
    message: 'a rejection needs a reason',
    // A field required in this case: worded as `required` beside it (libs/contracts' PROBLEM_CODES).
    params: { code: 'required' },
  });

/** Body of recording the next step of a case's procedure. */
export const recordCaseStepBody = z.strictObject({ step: text(100), note: note.optional() });

/** Filters of the case list. */
export const listCasesQuery = z.strictObject({
  cycleId: idValue.optional(),
  unitId: idValue.optional(),
  status: z.enum(CASE_STATUSES).optional(),
});

export type DecideCaseBody = z.infer<typeof decideCaseBody>;
export type RecordCaseStepBody = z.infer<typeof recordCaseStepBody>;
export type ListCasesQuery = z.infer<typeof listCasesQuery>;
