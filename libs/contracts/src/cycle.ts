import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from './actor';
import type { ReportValues } from './report';

/** Where a month of the cycle stands, from the cycle's point of view. */
export const MONTH_STAGES = ['waiting', 'collecting', 'appeal', 'final', 'published'] as const;
export type MonthStage = (typeof MONTH_STAGES)[number];

export interface CycleMonthTimeline {
  month: number;
  /** When the month's reports open (the month's end). */
  opensAt: string;
  /** When the month's reviews are due (pending ones are then escalated; the month still waits for them). */
  reviewDueAt: string;
}

/** Input of `cycleWorkflow`, the process that closes each month of a cycle in order. */
export interface CycleWorkflowInput {
  cycleId: string;
  months: CycleMonthTimeline[];
  appealWindowMs: number;
  /** How often the close checks whether every report of the month is settled. */
  reviewPollMs: number;
  /** Events a run of the cycle's history holds before it continues as new; default CYCLE_RUN_EVENTS. */
  runEvents?: number;
  /** Where the cycle stood when the previous run continued as new; absent in the cycle's first run. */
  resume?: CycleResume;
}

/**
 * The cycle as one run hands it to the next (continue-as-new when its history grows long: a month
 * waiting for its reviews checks every minute). The months' stages say where each stands.
 */
export interface CycleResume {
  /** The runs of this cycle before this one. */
  runs: number;
  months: MonthCloseState[];
  /** The assessor who asked to close each month early. */
  closeRequests: Array<{ month: number; actor: Actor }>;
  /** The annual results are recorded. */
  completed: boolean;
}

/**
 * A cycle's run continues as new past this many events (or when Temporal suggests it): far below
 * Temporal's limit (51,200), and a replay after an eviction stays quick.
 */
export const CYCLE_RUN_EVENTS = 2_000;

export interface AppealState {
  unitId: string;
  reason: string;
  filedBy: string;
  status: 'open' | 'upheld' | 'corrected';
  decidedBy: string | null;
}

export interface MonthCloseState {
  month: number;
  stage: MonthStage;
  /** The current version of the frozen ranking (0 before the close). */
  version: number;
  closedAt: string | null;
  appealsOpenUntil: string | null;
  appeals: AppealState[];
  publishedBy: string | null;
}

/**
 * Why a version of a month's ranking was frozen, as structured data that people read in their
 * own language: every report settled, an assessor closed the month, or an appeal corrected it.
 */
export type RankingCause =
  | { kind: 'month_settled'; units: number }
  | { kind: 'closed_by_assessor'; settled: number; units: number }
  | { kind: 'appeal_corrected'; unitId: string; comment: string };

export interface CycleStatus {
  cycleId: string;
  months: MonthCloseState[];
  completed: boolean;
}

/** A report the month waits for before it may be ranked (named when "close now" is refused). */
export interface PendingReview {
  unitId: string;
  /** `review`: with the assessors; `resubmission`: returned, and the unit may still send it back in time. */
  waitingFor: 'review' | 'resubmission';
  submittedAt: string | null;
}

export interface CloseMonthRequest {
  actor: Actor;
  month: number;
}

export interface FileAppealRequest {
  actor: Actor;
  month: number;
  unitId: string;
  reason: string;
}

export interface DecideAppealRequest {
  actor: Actor;
  month: number;
  unitId: string;
  decision: 'uphold' | 'correct';
  comment: string;
  /** For a correction: the corrected values of the unit's month (every indicator). */
  values?: ReportValues;
}

export interface PublishBulletinRequest {
  actor: Actor;
  month: number;
}

/**
 * An assessor closes the month now instead of waiting for reports still due: refused
 * (REVIEWS_PENDING, naming them) while any report that reached the assessors waits for review.
 */
export const closeMonthNowUpdate = defineUpdate<MonthCloseState, [CloseMonthRequest]>('closeMonthNow');
export const fileAppealUpdate = defineUpdate<MonthCloseState, [FileAppealRequest]>('fileAppeal');
export const decideAppealUpdate = defineUpdate<MonthCloseState, [DecideAppealRequest]>('decideAppeal');
/** LEADERSHIP publishes the month's bulletin (上墙公示) once the ranking is final. */
export const publishBulletinUpdate = defineUpdate<MonthCloseState, [PublishBulletinRequest]>('publishBulletin');
export const cycleStatusQuery = defineQuery<CycleStatus>('cycleStatus');
/**
 * A report of the month settled (approved or missed): sent by the activity that wrote it, so the
 * cycle checks the month's readiness then instead of on a timer.
 */
export const monthReportSettledSignal = defineSignal<[{ month: number }]>('monthReportSettled');

export function cycleWorkflowId(cycleId: string): string {
  return `cycle-${cycleId}`;
}

/** Input of `ratingRoundWorkflow`: one month's rating round (评议) of a cycle. */
export interface RatingRoundInput {
  cycleId: string;
  month: number;
  opensAt: string;
  closesAt: string;
  /** When to remind raters who have not rated, before `closesAt`. */
  reminders: string[];
}

/** The id of a cycle's rating round for a month: one per (cycle, month). */
export function ratingRoundWorkflowId(cycleId: string, month: number): string {
  return `rating-round:${cycleId}:${month}`;
}
