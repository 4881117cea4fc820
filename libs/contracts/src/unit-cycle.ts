import type { Actor } from './actor';
import type { CaseInput } from './case';
import type { MonthReport } from './report';

/** Where a unit stands in its annual cycle. */
export const UNIT_PHASES = ['pledge', 'reporting', 'closed'] as const;
export type UnitPhase = (typeof UNIT_PHASES)[number];

import type { MonthTimeline } from '@jiebang/domain';

export type { MonthTimeline };

/** Input of `unitCycleWorkflow`: everything the unit's year needs, as plain data. */
export interface UnitCycleInput {
  cycleId: string;
  unitId: string;
  /** Indicators the unit reports itself. */
  reportedIndicatorIds: string[];
  /** Indicators rated by assessors (MANUAL_RATING_DIMENSIONS). */
  ratedIndicatorIds: string[];
  /** When the pledge is due and when its reminders go out, computed by the rules' calendar. */
  pledgeDeadline: string;
  pledgeReminders: string[];
  months: MonthTimeline[];
  /** How long a returned report may take to come back, in milliseconds. */
  resubmitWindowMs: number;
  /** How long assessors have to review a report that reached them after the month's review deadline was set (an extension, a resubmission). */
  reviewWindowMs: number;
  /** policy.reminderOffsets: assessors are reminded this long before a review is due. */
  reminderOffsets: string[];
  /** policy.headConfirmation: a submitted report waits for the head's confirmation before it reaches the assessors. */
  headConfirmation: boolean;
  /** Where the year stood when the previous run continued as new; absent in the year's first run. */
  resume?: UnitCycleResume;
}

/**
 * A unit's year as one run hands it to the next (continue-as-new at a month boundary): everything
 * its workflow knows, as plain data. Deadlines stay absolute instants, so the next run re-arms its
 * timers from them; `done` keeps what was already sent or started from happening twice.
 */
export interface UnitCycleResume {
  /** The runs of this year before this one. */
  runs: number;
  phase: UnitPhase;
  pledge: PledgeStatus;
  reports: MonthReport[];
  outcomes: MonthOutcome[];
  /** A returned report's resubmission deadline, by month. */
  resubmitDue: Array<{ month: number; dueAt: string }>;
  /** Months whose report window has opened. */
  opened: number[];
  /** Each open month's own course: the reminders already passed, and which deadline it is settling. */
  courses: MonthCourse[];
  /** The last revision written to the read model. */
  revision: number;
  /** Keys of the notices and escalations sent and the case workflows started. */
  done: string[];
}

/** Where one month's course stands, so the next run goes on from there. */
export interface MonthCourse {
  month: number;
  /** Submission reminders already sent or passed over. */
  remindersPassed: number;
  /** `deadline`: waiting for the report to reach the assessors; `review`: it reached them once. */
  settling: 'deadline' | 'review';
}

export interface PledgeStatus {
  deadline: string;
  signed: boolean;
  signedBy: string | null;
  signedAt: string | null;
  late: boolean;
  escalated: boolean;
}

/** What the month's ranking decided for this unit, sent by the cycle when the month is final. */
export interface MonthOutcome {
  month: number;
  version: number;
  score: number;
  rank: number;
  lagging: boolean;
  vetoed: boolean;
  reported: boolean;
  /** The consequences this month fires for the unit; the unit's workflow opens each as a case. */
  cases: CaseInput[];
}

/** What the unit's workflow reports about itself (a Query). */
export interface UnitCycleStatus {
  cycleId: string;
  unitId: string;
  phase: UnitPhase;
  pledge: PledgeStatus;
  reports: MonthReport[];
  outcomes: MonthOutcome[];
}

export interface SignPledgeRequest {
  actor: Actor;
}

export interface SignPledgeResult {
  signedAt: string;
  late: boolean;
}

/** The workflow id of a unit's annual cycle, derived from business keys so a retried start is idempotent. */
export function unitCycleWorkflowId(cycleId: string, unitId: string): string {
  return `cycle-${cycleId}/unit-${unitId}`;
}
