import { z } from 'zod';
import { REPORT_TEXT_MAX_CHARS, type ConfirmReportInput, type SaveReportInput } from '@jiebang/contracts';
import { idValue, instant, monthNumber, reportedValue, text, TEXT_LIMITS } from '../common/schemas';

const comment = text(TEXT_LIMITS.long);

const reportText = z.string().max(REPORT_TEXT_MAX_CHARS, `at most ${REPORT_TEXT_MAX_CHARS} characters`);

/** 完成情况, 存在问题, 下一步打算: each up to REPORT_TEXT_MAX_CHARS characters. */
export const reportTextsBody = z.strictObject({ progress: reportText, problems: reportText, nextSteps: reportText });

/**
 * Body of saving a monthly report: every indicator's value and the three texts; `submit` sends it
 * on (to the head when the cycle's policy has head confirmation, else to the assessors).
 */
export const saveReportBody = z.strictObject({
  values: z.record(idValue, reportedValue),
  texts: reportTextsBody.optional(),
  submit: z.boolean().default(true),
});
/** The head confirms the report (it reaches the assessors) or sends it back to the reporter with a comment. */
export const confirmReportBody = z
  .strictObject({ decision: z.enum(['confirm', 'send_back']), comment: comment.optional() })
  .refine((body) => body.decision === 'confirm' || body.comment !== undefined, {
    message: 'sending a report back needs a comment saying what to change',
    // A field required in this case: worded as `required` beside it (libs/contracts' PROBLEM_CODES).
    params: { code: 'required' },
    path: ['comment'],
  });
export const reviewReportBody = z.strictObject({
  decision: z.enum(['approve', 'return']),
  comment: comment.optional(),
});
export const rateIndicatorBody = z.strictObject({ indicatorId: idValue, value: reportedValue });
export const requestExtensionBody = z.strictObject({ until: instant, reason: comment });
export const decideExtensionBody = z.strictObject({ approve: z.boolean(), comment: comment.optional() });

export type SaveReportBody = z.infer<typeof saveReportBody>;
export type ConfirmReportBody = z.infer<typeof confirmReportBody>;
export type ReviewReportBody = z.infer<typeof reviewReportBody>;
export type RateIndicatorBody = z.infer<typeof rateIndicatorBody>;
export type RequestExtensionBody = z.infer<typeof requestExtensionBody>;
export type DecideExtensionBody = z.infer<typeof decideExtensionBody>;

/** A month in a path: 1..12, in decimal digits. */
export const monthParam = monthNumber;

// The contracts' body types (what the console sends) and these schemas describe the same bodies.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const SAVE_BODY_MATCHES_CONTRACT: Same<z.input<typeof saveReportBody>, SaveReportInput> = true;
export const CONFIRM_BODY_MATCHES_CONTRACT: Same<z.input<typeof confirmReportBody>, ConfirmReportInput> = true;
