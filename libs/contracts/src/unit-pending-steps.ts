import type { MonthTimeline } from '@jiebang/domain';
import type { Role } from './actor';
import type { PendingStep } from './pending-steps';
import { EDITABLE_REPORT_STATUSES, type MonthReport } from './report';

/**
 * What a unit's pending steps follow from: its workflow holds it in memory, the API reads it from
 * Postgres (reports rows, the pledge, the months' final rankings); both list the steps with
 * `unitPendingSteps`, so the two never disagree on a rule.
 */
export interface UnitStepsState {
  unitId: string;
  pledge: { signed: boolean; deadline: string };
  months: readonly MonthTimeline[];
  /** The month's report (every month of `months` has one). */
  reportOf(month: number): MonthReport;
  /** The report window opened and the month has no outcome yet. */
  isOpen(month: number): boolean;
  ratedIndicatorIds: readonly string[];
  /** When the report must reach the assessors: the resubmission deadline once returned, else its due date. */
  deadlineOf(report: MonthReport): string;
  reviewWindowMs: number;
}

/** The month's review deadline; a report reaching the assessors later (an extension, a resubmission) gets the full review window. */
export function reviewDueOf(report: MonthReport, timeline: MonthTimeline, reviewWindowMs: number): string {
  const reached = report.reachedAt ? Date.parse(report.reachedAt) + reviewWindowMs : 0;
  return new Date(Math.max(Date.parse(timeline.reviewDueAt), reached)).toISOString();
}

/** The human steps a unit's year waits for (GET /admin/tasks): the pledge, then each open month's. */
export function unitPendingSteps(year: UnitStepsState): PendingStep[] {
  const unitId = year.unitId;
  const steps: PendingStep[] = [];
  if (!year.pledge.signed) steps.push({ step: 'pledge.sign', role: 'UNIT_HEAD', unitId, dueAt: year.pledge.deadline });
  for (const timeline of year.months) {
    const report = year.reportOf(timeline.month);
    if (!year.isOpen(report.month)) continue;
    const step = (name: string, role: Role, dueAt: string): PendingStep => ({
      step: name,
      role,
      unitId,
      month: report.month,
      dueAt,
    });
    if (EDITABLE_REPORT_STATUSES.includes(report.status))
      steps.push(step('report.submit', 'UNIT_REPORTER', year.deadlineOf(report)));
    if (report.status === 'awaiting_confirmation')
      steps.push(step('report.confirm', 'UNIT_HEAD', year.deadlineOf(report)));
    if (report.extension?.status === 'requested') steps.push(step('extension.decide', 'ASSESSOR', report.dueAt));
    if (report.status === 'approved' || report.status === 'missed') continue;
    // Ratings may be entered while the unit still writes; approval waits for them.
    if (year.ratedIndicatorIds.some((id) => !(id in report.ratings)))
      steps.push(step('report.rate', 'ASSESSOR', timeline.reviewDueAt));
    if (report.status === 'submitted')
      steps.push(step('report.review', 'ASSESSOR', reviewDueOf(report, timeline, year.reviewWindowMs)));
  }
  return steps;
}
