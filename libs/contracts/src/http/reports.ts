import { z } from 'zod';
import { REPORT_STATUSES, REPORT_TEXT_MAX_CHARS } from '../report';
import { evidenceFileView } from './evidence';
import { idValue, instant, monthNumber, reportedValue, text, TEXT_LIMITS } from './fields';

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

/** Body of `PUT /cycles/{cycleId}/units/{unitId}/reports/{month}` as the console sends it (`submit` defaults to true). */
export type SaveReportInput = z.input<typeof saveReportBody>;
/** Body of `POST .../reports/{month}/confirmation` (UNIT_HEAD of the unit). */
export type ConfirmReportInput = z.input<typeof confirmReportBody>;

// Answers

/** `GET .../reports/{month}`: the stored report, its texts and evidence files (instants as ISO-8601). */
export const reportRecordView = z.object({
  cycleId: z.string(),
  unitId: z.string(),
  month: z.number(),
  status: z.enum(REPORT_STATUSES),
  values: z.record(z.string(), z.number()).nullable(),
  texts: z.object({ progress: z.string(), problems: z.string(), nextSteps: z.string() }).nullable(),
  ratings: z.record(z.string(), z.number()),
  dueAt: z.iso.datetime(),
  late: z.boolean(),
  submittedBy: z.string().nullable(),
  submittedAt: z.iso.datetime().nullable(),
  confirmedBy: z.string().nullable(),
  reachedAt: z.iso.datetime().nullable(),
  headComment: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewComment: z.string().nullable(),
  evidence: z.array(evidenceFileView),
});
export type ReportRecordView = z.infer<typeof reportRecordView>;

/**
 * What `PUT .../reports/{month}` answers for a draft (`submit: false`), which the API saves straight
 * to the stored report: the stored report as `GET` shows it, without the evidence list.
 */
export const savedDraftView = reportRecordView.omit({ evidence: true });
export type SavedDraftView = z.infer<typeof savedDraftView>;
