import {
  EDITABLE_REPORT_STATUSES,
  REPORT_TEXT_FIELDS,
  REPORT_TEXT_MAX_CHARS,
  type ConfirmReportRequest,
  type DecideExtensionRequest,
  type MonthReport,
  type RateIndicatorRequest,
  type ReportTexts,
  type RequestExtensionRequest,
  type ReviewReportRequest,
  type SaveReportRequest,
} from '@jiebang/contracts';
import { holdsRoleFor, latestExtensionEnd, reportValueProblems } from '@jiebang/domain';
import { reachedAssessors, reject, type UnitYear } from './unit-year';

// The people's steps on a month's report, each an Update: a validator that refuses what does not
// fit the year's state, then the handler that changes it and records the change.

export function validateSave(unit: UnitYear, { month, values, texts }: SaveReportRequest): void {
  const report = unit.knownMonth(month);
  unit.assertOpen(report);
  if (!EDITABLE_REPORT_STATUSES.includes(report.status))
    reject('REPORT_NOT_EDITABLE', `The report for month ${month} is ${report.status}`);
  const due = unit.deadlineOf(report);
  if (Date.now() > Date.parse(due))
    reject(
      'REPORT_DEADLINE_PASSED',
      `The report for month ${month} was due ${due}; ask an assessor for an extension`,
      undefined,
      { month, due },
    );
  const problems = [...reportValueProblems(unit.input.reportedIndicatorIds, values), ...textProblems(texts)];
  if (problems.length > 0)
    reject('INVALID_REPORT', `The report for month ${month} is invalid: ${problems.join('; ')}`, problems);
}

export async function saveReport(
  unit: UnitYear,
  { actor, month, values, texts, submit }: SaveReportRequest,
): Promise<MonthReport> {
  const report = unit.reportOf(month);
  report.values = { ...values };
  if (texts) report.texts = { progress: texts.progress, problems: texts.problems, nextSteps: texts.nextSteps };
  const now = new Date().toISOString();
  if (!submit) report.status = 'draft';
  else {
    Object.assign(report, { submittedBy: actor.userId, submittedAt: now, headComment: null });
    // The head's own submission needs no second confirmation by the head.
    const byHead = holdsRoleFor(actor, 'UNIT_HEAD', unit.input.unitId);
    if (unit.input.headConfirmation && !byHead) report.status = 'awaiting_confirmation';
    else reachAssessors(unit, report, now, byHead ? actor.userId : null);
  }
  const action = !submit
    ? 'report.draft_saved'
    : report.status === 'awaiting_confirmation'
      ? 'report.submitted_to_head'
      : 'report.submitted';
  await unit.persist(report, action, {
    actor,
    change: { status: report.status, values, texts: texts ?? null, late: report.late },
  });
  return { ...report };
}

export function validateConfirmation(unit: UnitYear, { month, decision, comment }: ConfirmReportRequest): void {
  const report = unit.knownMonth(month);
  if (unit.outcomes.has(month)) reject('MONTH_CLOSED', `Month ${month} is closed`, undefined, { month });
  if (report.status !== 'awaiting_confirmation')
    reject(
      'REPORT_NOT_AWAITING_CONFIRMATION',
      `The report for month ${month} is ${report.status}, not waiting for the head's confirmation`,
    );
  const due = unit.deadlineOf(report);
  if (decision === 'confirm' && Date.now() > Date.parse(due))
    reject('REPORT_DEADLINE_PASSED', `The report for month ${month} had to reach the assessors by ${due}`, undefined, {
      month,
      due,
    });
  if (decision === 'send_back' && !comment?.trim())
    reject('RETURN_COMMENT_REQUIRED', 'Sending a report back needs a comment saying what to change');
}

export async function confirmReport(
  unit: UnitYear,
  { actor, month, decision, comment }: ConfirmReportRequest,
): Promise<MonthReport> {
  const report = unit.reportOf(month);
  if (decision === 'confirm') reachAssessors(unit, report, new Date().toISOString(), actor.userId);
  else Object.assign(report, { status: 'sent_back', headComment: comment!.trim() });
  await unit.persist(report, decision === 'confirm' ? 'report.confirmed' : 'report.sent_back', {
    actor,
    role: 'UNIT_HEAD',
    reason: comment,
    change: { status: report.status, late: report.late },
  });
  return { ...report };
}

/** The report reaches the assessors now; late when after the original due date (under an extension). */
function reachAssessors(unit: UnitYear, report: MonthReport, at: string, confirmedBy: string | null): void {
  Object.assign(report, {
    status: 'submitted',
    reachedAt: at,
    confirmedBy,
    late: Date.parse(at) > Date.parse(unit.originalDue(report.month)),
  });
}

export function validateReview(unit: UnitYear, { month, decision, comment }: ReviewReportRequest): void {
  const report = unit.knownMonth(month);
  if (unit.outcomes.has(month)) reject('MONTH_CLOSED', `Month ${month} is closed`, undefined, { month });
  if (report.status !== 'submitted')
    reject('REPORT_NOT_SUBMITTED', `The report for month ${month} is ${report.status}, not submitted`);
  if (decision === 'return' && !comment?.trim())
    reject('RETURN_COMMENT_REQUIRED', 'Returning a report needs a comment saying what to fix');
  const unrated = unit.input.ratedIndicatorIds.filter((id) => !(id in report.ratings));
  if (decision === 'approve' && unrated.length > 0)
    reject('RATINGS_MISSING', `Enter the manual ratings first: ${unrated.join(', ')}`);
}

export function validateRating(unit: UnitYear, { month, indicatorId, value }: RateIndicatorRequest): void {
  const report = unit.knownMonth(month);
  if (unit.outcomes.has(month)) reject('MONTH_CLOSED', `Month ${month} is closed`, undefined, { month });
  if (report.status === 'approved') reject('REPORT_NOT_EDITABLE', `The report for month ${month} is already approved`);
  if (!unit.input.ratedIndicatorIds.includes(indicatorId))
    reject('INVALID_RATING', `${indicatorId} is not a manually rated indicator of unit ${unit.input.unitId}`);
  if (typeof value !== 'number' || !Number.isFinite(value))
    reject('INVALID_RATING', `${indicatorId}: ${JSON.stringify(value)} is not a finite number`);
}

export async function rateIndicator(
  unit: UnitYear,
  { actor, month, indicatorId, value }: RateIndicatorRequest,
): Promise<MonthReport> {
  const report = unit.reportOf(month);
  report.ratings = { ...report.ratings, [indicatorId]: value };
  await unit.persist(report, 'report.rated', { actor, role: 'ASSESSOR', change: { indicatorId, value } });
  return { ...report };
}

export async function reviewReport(
  unit: UnitYear,
  { actor, month, decision, comment }: ReviewReportRequest,
): Promise<MonthReport> {
  const report = unit.reportOf(month);
  Object.assign(report, {
    status: decision === 'approve' ? 'approved' : 'returned',
    reviewedBy: actor.userId,
    reviewComment: comment ?? null,
  });
  if (decision === 'return')
    unit.resubmitDue.set(month, new Date(Date.now() + unit.input.resubmitWindowMs).toISOString());
  await unit.persist(report, decision === 'approve' ? 'report.approved' : 'report.returned', {
    actor,
    role: 'ASSESSOR',
    reason: comment,
    change: { status: report.status },
  });
  return { ...report };
}

export function validateExtensionRequest(unit: UnitYear, { month, until, reason }: RequestExtensionRequest): void {
  const report = unit.knownMonth(month);
  unit.assertOpen(report);
  if (reachedAssessors(report) || report.status === 'missed')
    reject('EXTENSION_NOT_ALLOWED', `The report for month ${month} is ${report.status}`);
  if (report.extension?.status === 'requested')
    reject('EXTENSION_ALREADY_PENDING', 'An extension request is already waiting for a decision');
  if (!(Date.parse(until) > Date.parse(report.dueAt)))
    reject('EXTENSION_NOT_LATER', `An extension must end after the current deadline ${report.dueAt}`);
  const latest = latestExtensionEnd(unit.timelineOf(month), unit.input.resubmitWindowMs);
  if (Date.parse(until) > Date.parse(latest))
    reject('EXTENSION_TOO_LONG', `An extension of month ${month} may run until ${latest} at the latest`);
  if (!reason.trim()) reject('EXTENSION_REASON_REQUIRED', 'Say why the extension is needed');
}

export async function requestExtension(
  unit: UnitYear,
  { actor, month, until, reason }: RequestExtensionRequest,
): Promise<MonthReport> {
  const report = unit.reportOf(month);
  report.extension = {
    requestedBy: actor.userId,
    reason,
    until: new Date(Date.parse(until)).toISOString(),
    status: 'requested',
    decidedBy: null,
  };
  await unit.persist(report, 'report.extension_requested', {
    actor,
    reason,
    change: { until: report.extension.until },
  });
  return { ...report };
}

export function validateExtensionDecision(unit: UnitYear, { month }: DecideExtensionRequest): void {
  const report = unit.knownMonth(month);
  if (report.extension?.status !== 'requested')
    reject('NO_EXTENSION_REQUESTED', `No extension request is waiting for month ${month}`);
}

export async function decideExtension(
  unit: UnitYear,
  { actor, month, approve, comment }: DecideExtensionRequest,
): Promise<MonthReport> {
  const report = unit.reportOf(month);
  const extension = report.extension!;
  extension.status = approve ? 'approved' : 'rejected';
  extension.decidedBy = actor.userId;
  if (approve) {
    report.dueAt = extension.until;
    if (report.status === 'missed') report.status = report.values ? 'draft' : 'open';
  }
  await unit.persist(report, approve ? 'report.extension_approved' : 'report.extension_rejected', {
    actor,
    role: 'ASSESSOR',
    reason: comment,
    change: { dueAt: report.dueAt, status: report.status },
  });
  return { ...report };
}

/** Each text bounded; an absent text set is fine (a draft of numbers only). */
function textProblems(texts: ReportTexts | undefined): string[] {
  if (!texts) return [];
  return REPORT_TEXT_FIELDS.flatMap((field) => {
    const text: unknown = texts[field];
    if (typeof text !== 'string') return [`${field}: must be text`];
    return text.length > REPORT_TEXT_MAX_CHARS
      ? [`${field}: ${text.length} characters, at most ${REPORT_TEXT_MAX_CHARS}`]
      : [];
  });
}
