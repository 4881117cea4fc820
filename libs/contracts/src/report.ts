import type { Actor } from './actor';

/** Values of a monthly report: indicator id -> cumulative amount to date, or the level for rates. */
export type ReportValues = Record<string, number>;

/**
 * `awaiting_confirmation`: submitted by the reporter, waiting for the head (policy.headConfirmation);
 * `sent_back`: the head sent it back to the reporter with a comment; `submitted`: it reached the
 * assessors and waits for their review.
 */
export const REPORT_STATUSES = [
  'open',
  'draft',
  'awaiting_confirmation',
  'sent_back',
  'submitted',
  'returned',
  'approved',
  'missed',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Statuses in which the unit may still change its report. */
export const EDITABLE_REPORT_STATUSES: readonly ReportStatus[] = ['open', 'draft', 'sent_back', 'returned'];

/** The longest each report text may be, in characters. */
export const REPORT_TEXT_MAX_CHARS = 4000;

/** The three texts of a monthly report. */
export interface ReportTexts {
  /** 完成情况 */
  progress: string;
  /** 存在问题 */
  problems: string;
  /** 下一步打算 */
  nextSteps: string;
}
export const REPORT_TEXT_FIELDS = [
  'progress',
  'problems',
  'nextSteps',
] as const satisfies readonly (keyof ReportTexts)[];

/** A unit's report for one month, as its workflow holds it. */
export interface MonthReport {
  month: number;
  status: ReportStatus;
  opensAt: string;
  dueAt: string;
  /** Submitted after the original due date, under an approved extension. */
  late: boolean;
  /** What the unit reported: every indicator except the manual ratings. */
  values: ReportValues | null;
  /** 完成情况, 存在问题, 下一步打算; null until the unit writes them. */
  texts: ReportTexts | null;
  /** Manual ratings (政风评议 and the like) entered by assessors. */
  ratings: ReportValues;
  submittedBy: string | null;
  submittedAt: string | null;
  /** The head who confirmed it (policy.headConfirmation), or null. */
  confirmedBy: string | null;
  /** When the report reached the assessors (confirmed, or submitted without confirmation); null before. */
  reachedAt: string | null;
  /** The head's comment when sending the report back to the reporter. */
  headComment: string | null;
  reviewedBy: string | null;
  reviewComment: string | null;
  extension: ExtensionState | null;
}

export interface ExtensionState {
  requestedBy: string;
  reason: string;
  until: string;
  status: 'requested' | 'approved' | 'rejected';
  decidedBy: string | null;
}

export interface SaveReportRequest {
  actor: Actor;
  month: number;
  values: ReportValues;
  texts?: ReportTexts;
  /** true submits (to the head when policy.headConfirmation, else for review); false keeps a draft. */
  submit: boolean;
}

/** The unit head confirms a submitted report (it reaches the assessors) or sends it back with a comment. */
export interface ConfirmReportRequest {
  actor: Actor;
  month: number;
  decision: 'confirm' | 'send_back';
  comment?: string;
}

export interface ReviewReportRequest {
  actor: Actor;
  month: number;
  decision: 'approve' | 'return';
  comment?: string;
}

export interface RequestExtensionRequest {
  actor: Actor;
  month: number;
  until: string;
  reason: string;
}

export interface DecideExtensionRequest {
  actor: Actor;
  month: number;
  approve: boolean;
  comment?: string;
}

export interface RateIndicatorRequest {
  actor: Actor;
  month: number;
  indicatorId: string;
  value: number;
}

/** Dimensions whose actual value is a rating, not reported by the unit (defined with the rules). */
export { MANUAL_RATING_DIMENSIONS } from '@jiebang/domain/manual-rating';

// The stored report as the API shows it: its schemas are in contracts/http/reports.
export type { ReportRecordView, SavedDraftView } from './http/reports';
