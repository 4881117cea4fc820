import { defineUpdate } from '@temporalio/workflow';
import type { Actor } from './actor';

/** Values of a monthly report: indicator id -> cumulative amount to date, or the level for rates. */
export type ReportValues = Record<string, number>;

export const REPORT_STATUSES = ['open', 'draft', 'submitted', 'returned', 'approved', 'missed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

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
  /** Manual ratings (政风评议 and the like) entered by assessors. */
  ratings: ReportValues;
  submittedBy: string | null;
  submittedAt: string | null;
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
  /** true submits for review; false keeps a draft. */
  submit: boolean;
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

/** Dimensions whose actual value is a rating entered by assessors, not reported by the unit. */
export const MANUAL_RATING_DIMENSIONS = ['政风评议', '依法行政', '领导评议', '群众满意度'] as const;

export const saveReportUpdate = defineUpdate<MonthReport, [SaveReportRequest]>('saveReport');
export const reviewReportUpdate = defineUpdate<MonthReport, [ReviewReportRequest]>('reviewReport');
export const requestExtensionUpdate = defineUpdate<MonthReport, [RequestExtensionRequest]>('requestExtension');
export const decideExtensionUpdate = defineUpdate<MonthReport, [DecideExtensionRequest]>('decideExtension');
export const rateIndicatorUpdate = defineUpdate<MonthReport, [RateIndicatorRequest]>('rateIndicator');
