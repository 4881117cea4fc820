import { z } from 'zod';
import { idValue, instant, monthNumber, reportedValue, text, TEXT_LIMITS } from '../common/schemas';

const comment = text(TEXT_LIMITS.long);

/** Body of saving a monthly report: every indicator's value; `submit` sends it for review. */
export const saveReportBody = z.strictObject({
  values: z.record(idValue, reportedValue),
  submit: z.boolean().default(true),
});
export const reviewReportBody = z.strictObject({
  decision: z.enum(['approve', 'return']),
  comment: comment.optional(),
});
export const rateIndicatorBody = z.strictObject({ indicatorId: idValue, value: reportedValue });
export const requestExtensionBody = z.strictObject({ until: instant, reason: comment });
export const decideExtensionBody = z.strictObject({ approve: z.boolean(), comment: comment.optional() });

export type SaveReportBody = z.infer<typeof saveReportBody>;
export type ReviewReportBody = z.infer<typeof reviewReportBody>;
export type RateIndicatorBody = z.infer<typeof rateIndicatorBody>;
export type RequestExtensionBody = z.infer<typeof requestExtensionBody>;
export type DecideExtensionBody = z.infer<typeof decideExtensionBody>;

/** A month in a path: 1..12, in decimal digits. */
export const monthParam = monthNumber;
