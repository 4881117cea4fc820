/**
 * The Temporal Updates, Queries and Signals the workflows answer, and the search-attribute keys
 * they set: `@jiebang/contracts/temporal`. Kept apart from the rest of libs/contracts, whose main
 * entry the console bundles, so that the browser never loads @temporalio/workflow or
 * @temporalio/common. The API, the workflows, the activities and the tests import from here.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  CaseSnapshot,
  CloseMonthRequest,
  ConfirmReportRequest,
  CycleStatus,
  DecideAppealRequest,
  DecideCaseRequest,
  DecideExtensionRequest,
  FileAppealRequest,
  MonthCloseState,
  MonthOutcome,
  MonthReport,
  PendingStep,
  PublishBulletinRequest,
  RateIndicatorRequest,
  RecordCaseStepRequest,
  RequestExtensionRequest,
  RespondToSupervisionRequest,
  ReviewReportRequest,
  SaveReportRequest,
  SignPledgeRequest,
  SignPledgeResult,
  SupervisionSnapshot,
  UnitCycleStatus,
  VerifySupervisionRequest,
} from '..';

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

export const saveReportUpdate = defineUpdate<MonthReport, [SaveReportRequest]>('saveReport');
export const confirmReportUpdate = defineUpdate<MonthReport, [ConfirmReportRequest]>('confirmReport');
export const reviewReportUpdate = defineUpdate<MonthReport, [ReviewReportRequest]>('reviewReport');
export const requestExtensionUpdate = defineUpdate<MonthReport, [RequestExtensionRequest]>('requestExtension');
export const decideExtensionUpdate = defineUpdate<MonthReport, [DecideExtensionRequest]>('decideExtension');
export const rateIndicatorUpdate = defineUpdate<MonthReport, [RateIndicatorRequest]>('rateIndicator');

/** The unit head signs the pledge (军令状). Rejected when already signed or outside the pledge phase. */
export const signPledgeUpdate = defineUpdate<SignPledgeResult, [SignPledgeRequest]>('signPledge');
export const unitStatusQuery = defineQuery<UnitCycleStatus>('unitStatus');
/** The cycle tells the unit how its month ended; repeated deliveries of one version are ignored. */
export const monthOutcomeSignal = defineSignal<[MonthOutcome]>('monthOutcome');

/** The unit (its head or reporter) answers the item. */
export const respondToSupervisionUpdate = defineUpdate<SupervisionSnapshot, [RespondToSupervisionRequest]>(
  'respondToSupervision',
);
/** An assessor verifies the response: closes the item or sends it back. */
export const verifySupervisionUpdate = defineUpdate<SupervisionSnapshot, [VerifySupervisionRequest]>(
  'verifySupervision',
);
export const supervisionStatusQuery = defineQuery<SupervisionSnapshot>('supervisionStatus');

/**
 * Every workflow that waits for people answers this Query, so administrators see every pending
 * step across the system (GET /admin/tasks). A workflow that does not answer simply has none listed.
 */
export const pendingStepsQuery = defineQuery<PendingStep[]>('pendingSteps');

/** An approver approves or rejects (with a reason); a rejection closes the case. */
export const decideCaseUpdate = defineUpdate<CaseSnapshot, [DecideCaseRequest]>('decideCase');
/** Records the next step of the case's procedure (`CASE_STEPS` in libs/domain). */
export const recordCaseStepUpdate = defineUpdate<CaseSnapshot, [RecordCaseStepRequest]>('recordCaseStep');
export const caseStatusQuery = defineQuery<CaseSnapshot>('caseStatus');

/**
 * Closes a rating round now rather than at its deadline (an assessor moving the deadline forward:
 * everyone has rated, or a compressed test year). Ignored before the round opens.
 */
export const closeRatingRoundNowSignal = defineSignal('closeRatingRoundNow');

export const CYCLE_ID = defineSearchAttributeKey('CycleId', SearchAttributeType.KEYWORD);
export const UNIT_ID = defineSearchAttributeKey('UnitId', SearchAttributeType.KEYWORD);
export const PHASE = defineSearchAttributeKey('Phase', SearchAttributeType.KEYWORD);
export const MONTH = defineSearchAttributeKey('Month', SearchAttributeType.INT);
