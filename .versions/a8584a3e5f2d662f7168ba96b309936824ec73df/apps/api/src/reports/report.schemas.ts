import { z } from 'zod/v4';

const finiteNumber = z.number().refine(Number.isFinite, 'must be a finite number');
const comment = z.string().trim().min(1).max(2000);

/** Body of saving a monthly report: every indicator's value; `submit` sends it for review. */
export const saveReportBody = z.strictObject({
  values: z.record(z.string(), finiteNumber),
  submit: z.boolean().default(true),
});
export const reviewReportBody = z.strictObject({
  decision: z.enum(['approve', 'return']),
  comment: comment.optional(),
});
export const rateIndicatorBody = z.strictObject({ indicatorId: z.string().min(1), value: finiteNumber });
export const requestExtensionBody = z.strictObject({ until: z.iso.datetime({ offset: true }), reason: comment });
export const decideExtensionBody = z.strictObject({ approve: z.boolean(), comment: comment.optional() });

export type SaveReportBody = z.infer<typeof saveReportBody>;
export type ReviewReportBody = z.infer<typeof reviewReportBody>;
export type RateIndicatorBody = z.infer<typeof rateIndicatorBody>;
export type RequestExtensionBody = z.infer<typeof requestExtensionBody>;
export type DecideExtensionBody = z.infer<typeof decideExtensionBody>;

/** A month in a path: 1..12. */
export const monthParam = z.coerce.number().int().min(1).max(12);
