import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '@jiebang/activities';
import {
  CYCLE_ID,
  EDITABLE_REPORT_STATUSES,
  REPORT_TEXT_FIELDS,
  REPORT_TEXT_MAX_CHARS,
  UNIT_ID,
  caseWorkflowId,
  confirmReportUpdate,
  decideExtensionUpdate,
  monthOutcomeSignal,
  pendingStepsQuery,
  rateIndicatorUpdate,
  requestExtensionUpdate,
  reviewReportUpdate,
  saveReportUpdate,
  signPledgeUpdate,
  unitStatusQuery,
  type CaseInput,
  type ConfirmReportRequest,
  type DecideExtensionRequest,
  type MonthCourse,
  type MonthOutcome,
  type MonthReport,
  type MonthTimeline,
  type NotificationKind,
  type NotificationRequest,
  type PendingStep,
  type RateIndicatorRequest,
  type PledgeStatus,
  type RequestExtensionRequest,
  type ReviewReportRequest,
  type Role,
  type ReportTexts,
  type SaveReportRequest,
  type SignPledgeRequest,
  type UnitCycleInput,
  type UnitCycleResume,
  type UnitCycleStatus,
  type UnitPhase,
  type WorkflowRejection,
  type AuditEntryRequest,
} from '@jiebang/contracts';
import { holdsRoleFor, latestExtensionEnd, remindersBefore, reportValueProblems } from '@jiebang/domain';
import { keepGoingOnFailure, RECORDING_ACTIVITY_OPTIONS } from './activity-options';
import { refuse, type Refusal } from './refusal';
import { AuditTrail, type AuditDetails } from './audit-trail';
import { caseWorkflow } from './case.workflow';
import { happensBefore, sleepUntil } from './deadlines';
import { upsertPhase } from './search-attributes';
import { WorkInFlight } from './work-in-flight';

const { notify, escalate, recordPledge, recordReport } = keepGoingOnFailure(
  proxyActivities<Activities>(RECORDING_ACTIVITY_OPTIONS),
);

/**
 * Versioned change (README, "Changing workflow code"): the year continues as new at each month
 * boundary, so no history grows with the year. Histories made before it (no marker where a month
 * opened) run their year in one history, as they began.
 */
export const CONTINUE_AS_NEW_AT_MONTH_BOUNDARIES = 'unit-cycle-continue-as-new-at-month-boundaries';

/** One unit's assessment year: the pledge, then month after month until the year closes. */
export async function unitCycleWorkflow(input: UnitCycleInput): Promise<UnitCycleStatus> {
  const unit = new UnitCycle(input);
  unit.acceptHumanSteps();
  // The pledge shields nothing: the months run whether or not the head signs, and the missing
  // signature is reminded and escalated on its own. Months overlap too: month m is still under
  // review while month m+1 runs, so each runs on its own. A run that continues as new ends here by
  // the throw of continueAsNew; the next run goes on from the state it carries.
  await Promise.race([
    Promise.all([unit.collectPledge(), ...input.months.map((timeline) => unit.runMonth(timeline))]),
    continueAsNewAtMonthBoundaries(unit, input),
  ]);
  unit.enter('closed');
  await condition(allHandlersFinished);
  return unit.status();
}

/**
 * When a month opens (or Temporal suggests it: a long history), and once nothing is half done (no
 * Update in flight, no activity or child start awaited), hands the year to a new run of the same
 * workflow id with everything it knows. Timers and waits are not carried: the next run re-arms
 * them from the absolute deadlines. A signal that arrives meanwhile makes the server refuse the
 * hand-over until this run has taken it, so it is in the state carried.
 */
async function continueAsNewAtMonthBoundaries(unit: UnitCycle, input: UnitCycleInput): Promise<never> {
  let opened = input.resume?.opened.length ?? 0;
  let heedSuggestion = true;
  for (;;) {
    await condition(() => unit.monthsOpened() > opened || (heedSuggestion && workflowInfo().continueAsNewSuggested));
    if (patched(CONTINUE_AS_NEW_AT_MONTH_BOUNDARIES)) break;
    // A history made before the change goes on in this run; a worker that runs it live (after an
    // upgrade) hands it over at the next boundary. The suggestion, once given, would wake the loop
    // again at once: it is heeded only on the new path.
    opened = unit.monthsOpened();
    heedSuggestion = false;
  }
  while (!unit.atRest()) await condition(() => unit.atRest());
  return await continueAsNew<typeof unitCycleWorkflow>({ ...input, resume: unit.handOver() });
}

class UnitCycle {
  phase: UnitPhase = 'pledge';
  private readonly pledge: PledgeStatus;
  private readonly reports = new Map<number, MonthReport>();
  private readonly outcomes = new Map<number, MonthOutcome>();
  private readonly resubmitDue = new Map<number, string>();
  /** Months whose report window has opened. */
  private readonly opened = new Set<number>();
  /** Every change of this unit, by a person or by the workflow, is appended here. */
  private readonly trail: AuditTrail;
  /** Bumped on every change of a report, so the read model never takes an older write over a newer one. */
  private revision = 0;
  /** Each month's course (reminders passed, which deadline it settles), handed to the next run. */
  private readonly courses = new Map<number, MonthCourse>();
  /** Keys of notices and escalations sent and cases started, by this run and the runs before it. */
  private readonly done = new Set<string>();
  /** What the runs before this one did: not done again. (A first run skips nothing, as before runs continued as new.) */
  private readonly doneBefore: ReadonlySet<string>;
  /** Activities and child starts this run awaits: a run hands over only when there are none. */
  private readonly work = new WorkInFlight();

  constructor(private readonly input: UnitCycleInput) {
    this.trail = new AuditTrail(input.cycleId, input.unitId);
    const resume = input.resume;
    this.pledge = resume?.pledge ?? {
      deadline: input.pledgeDeadline,
      signed: false,
      signedBy: null,
      signedAt: null,
      late: false,
      escalated: false,
    };
    for (const timeline of input.months) {
      this.reports.set(timeline.month, emptyReport(timeline));
      this.courses.set(timeline.month, { month: timeline.month, remindersPassed: 0, settling: 'deadline' });
    }
    this.doneBefore = new Set(resume?.done ?? []);
    if (resume) this.resume(resume);
  }

  private resume(resume: UnitCycleResume): void {
    this.phase = resume.phase;
    this.revision = resume.revision;
    for (const report of resume.reports) this.reports.set(report.month, report);
    for (const outcome of resume.outcomes) this.outcomes.set(outcome.month, outcome);
    for (const { month, dueAt } of resume.resubmitDue) this.resubmitDue.set(month, dueAt);
    for (const month of resume.opened) this.opened.add(month);
    for (const course of resume.courses) this.courses.set(course.month, course);
    for (const key of resume.done) this.done.add(key);
    log.info('the year goes on in a new run', { unitId: this.input.unitId, runs: resume.runs + 1 });
  }

  /** Everything this run knows, for the next one. */
  handOver(): UnitCycleResume {
    return {
      runs: (this.input.resume?.runs ?? 0) + 1,
      phase: this.phase,
      pledge: { ...this.pledge },
      reports: [...this.reports.values()].map((report) => ({ ...report })),
      outcomes: [...this.outcomes.values()],
      resubmitDue: [...this.resubmitDue].map(([month, dueAt]) => ({ month, dueAt })),
      opened: [...this.opened],
      courses: [...this.courses.values()].map((course) => ({ ...course })),
      revision: this.revision,
      done: [...this.done],
    };
  }

  monthsOpened(): number {
    return this.opened.size;
  }

  /** Nothing half done: no Update in flight, no activity or child start awaited. */
  atRest(): boolean {
    return this.work.atRest();
  }

  /** Whether `key` (a notice, an escalation, a case) still has to be done; marks it done. */
  private firstTime(key: string): boolean {
    if (this.doneBefore.has(key)) return false;
    this.done.add(key);
    return true;
  }

  status(): UnitCycleStatus {
    return {
      cycleId: this.input.cycleId,
      unitId: this.input.unitId,
      phase: this.phase,
      pledge: { ...this.pledge },
      reports: [...this.reports.values()].map((report) => ({ ...report })),
      outcomes: [...this.outcomes.values()],
    };
  }

  enter(phase: UnitPhase, month?: number): void {
    this.phase = phase;
    upsertPhase(phase, month);
  }

  acceptHumanSteps(): void {
    setHandler(unitStatusQuery, () => this.status());
    setHandler(pendingStepsQuery, () => this.pendingSteps());
    setHandler(signPledgeUpdate, (request) => this.signPledge(request), {
      validator: (request) => this.validatePledge(request),
    });
    setHandler(saveReportUpdate, (request) => this.saveReport(request), {
      validator: (request) => this.validateSave(request),
    });
    setHandler(confirmReportUpdate, (request) => this.confirmReport(request), {
      validator: (request) => this.validateConfirmation(request),
    });
    setHandler(reviewReportUpdate, (request) => this.reviewReport(request), {
      validator: (request) => this.validateReview(request),
    });
    setHandler(requestExtensionUpdate, (request) => this.requestExtension(request), {
      validator: (request) => this.validateExtensionRequest(request),
    });
    setHandler(decideExtensionUpdate, (request) => this.decideExtension(request), {
      validator: (request) => this.validateExtensionDecision(request),
    });
    setHandler(rateIndicatorUpdate, (request) => this.rateIndicator(request), {
      validator: (request) => this.validateRating(request),
    });
    setHandler(monthOutcomeSignal, (outcome) => this.receiveOutcome(outcome));
  }

  // ---- the pledge -------------------------------------------------------------------------

  /** Waits for the head's signature, reminding before the deadline and escalating when it passes. */
  async collectPledge(): Promise<void> {
    if (this.pledge.escalated) return; // by a run before this one
    const signed = () => this.pledge.signed;
    for (const remindAt of this.input.pledgeReminders) {
      if (await happensBefore(signed, remindAt)) return;
      await this.notifyUnit(
        'pledge',
        'reminder',
        remindAt,
        'UNIT_HEAD',
        `Pledge due ${this.input.pledgeDeadline}: please sign`,
        { step: 'pledge.sign' },
      );
    }
    if (await happensBefore(signed, this.input.pledgeDeadline)) return;
    await this.notifyUnit(
      'pledge',
      'deadline',
      this.input.pledgeDeadline,
      'UNIT_HEAD',
      'Pledge deadline reached without a signature',
      { step: 'pledge.sign' },
    );
    const reason = `Pledge not signed by its deadline ${this.input.pledgeDeadline}`;
    await this.escalate('pledge', 'ORG_DEPT', reason, () =>
      this.trail.entry('pledge.escalated', ['pledge'], { reason, change: { addressedTo: 'ORG_DEPT' } }),
    );
    await this.notifyUnit('pledge-escalation', 'escalation', this.input.pledgeDeadline, 'ORG_DEPT', reason, {
      step: 'escalation.acknowledge',
    });
    this.pledge.escalated = true;
    log.info('pledge escalated to ORG_DEPT', { unitId: this.input.unitId });
    // A late signature is still taken (signPledge) and recorded as late; nothing waits for it.
  }

  private validatePledge(_request: SignPledgeRequest): void {
    if (this.pledge.signed)
      reject(
        'PLEDGE_ALREADY_SIGNED',
        `The pledge was already signed by ${this.pledge.signedBy} at ${this.pledge.signedAt}`,
      );
    if (this.phase === 'closed') reject('NOT_IN_PLEDGE_PHASE', "The unit's year is closed");
  }

  private async signPledge({ actor }: SignPledgeRequest) {
    const signedAt = new Date().toISOString();
    const late = Date.parse(signedAt) > Date.parse(this.input.pledgeDeadline);
    Object.assign(this.pledge, { signed: true, signedBy: actor.userId, signedAt, late });
    if (this.phase === 'pledge') this.enter('reporting');
    const audit = this.trail.entry('pledge.signed', ['pledge'], {
      actor,
      role: 'UNIT_HEAD',
      change: { signedAt, late },
    });
    await recordPledge({
      cycleId: this.input.cycleId,
      unitId: this.input.unitId,
      signedBy: actor.userId,
      signedAt,
      late,
      audit,
    });
    return { signedAt, late };
  }

  // ---- one month --------------------------------------------------------------------------

  /**
   * A month: its window opens, reminders run until the report reaches the assessors, review
   * settles, the ranking answers. The cycle's close writes what holds for every unit at once (the
   * report rows as the window opens, "missed" for each report not approved when the ranking is
   * final), so a quiet month costs a unit two wake-ups and no activity.
   */
  async runMonth(timeline: MonthTimeline): Promise<void> {
    const report = this.reportOf(timeline.month);
    await sleepUntil(timeline.opensAt);
    if (!this.opened.has(timeline.month)) {
      if (this.phase !== 'closed') this.enter('reporting', timeline.month);
      this.opened.add(timeline.month);
    }
    await this.remindUntilSubmitted(report, timeline);
    await this.settle(report, timeline);
    await condition(() => this.outcomes.has(timeline.month));
    if (report.status !== 'approved') report.status = 'missed';
    for (const fired of this.outcomes.get(timeline.month)!.cases) await this.openCase(fired);
  }

  /**
   * Until the month's outcome: the report reaches the assessors by its deadline and is reviewed,
   * or is missed. An extension approved after a miss revives it, and the deadline runs again.
   */
  private async settle(report: MonthReport, timeline: MonthTimeline): Promise<void> {
    const closed = () => this.outcomes.has(report.month);
    const course = this.courses.get(report.month)!;
    while (!closed() && report.status !== 'approved') {
      if (course.settling === 'deadline') await this.settleDeadline(report);
      course.settling = 'review';
      await this.settleReview(report, timeline);
      if (report.status === 'missed') await condition(() => closed() || report.status !== 'missed');
      course.settling = 'deadline';
    }
  }

  /** Reminds the reporter, or the head while the report waits for their confirmation. */
  private async remindUntilSubmitted(report: MonthReport, timeline: MonthTimeline): Promise<void> {
    const submitted = () => reachedAssessors(report) || this.outcomes.has(report.month);
    const course = this.courses.get(report.month)!;
    for (; course.remindersPassed < timeline.reminders.length; course.remindersPassed++) {
      const remindAt = timeline.reminders[course.remindersPassed]!;
      if (await happensBefore(submitted, remindAt)) {
        course.remindersPassed = timeline.reminders.length;
        return;
      }
      if (report.status === 'awaiting_confirmation')
        await this.notifyUnit(
          `report/m${report.month}/confirmation`,
          'reminder',
          remindAt,
          'UNIT_HEAD',
          `Report for month ${report.month} waits for your confirmation; it must reach the assessors by ${report.dueAt}`,
          { step: 'report.confirm', month: report.month },
        );
      else
        await this.notifyUnit(
          `report/m${report.month}`,
          'reminder',
          remindAt,
          'UNIT_REPORTER',
          `Report for month ${report.month} due ${report.dueAt}`,
          { step: 'report.submit', month: report.month },
        );
    }
  }

  /** The deadline can move while we wait (an approved extension), so the wait restarts on a move. */
  private async settleDeadline(report: MonthReport): Promise<void> {
    for (;;) {
      const due = report.dueAt;
      const settled = await happensBefore(
        () => reachedAssessors(report) || this.outcomes.has(report.month) || report.dueAt !== due,
        due,
      );
      if (reachedAssessors(report) || this.outcomes.has(report.month)) return;
      if (settled) continue;
      if (report.extension?.status === 'requested') {
        await condition(() => report.extension?.status !== 'requested' || this.outcomes.has(report.month));
        continue;
      }
      const unconfirmed = report.status === 'awaiting_confirmation';
      report.status = 'missed';
      await this.persist(report, 'report.missed', {
        reason: unconfirmed
          ? `Report not confirmed by the head by its deadline ${due}`
          : `No report by its deadline ${due}`,
        change: { status: 'missed' },
      });
      await this.notifyUnit(
        `report/m${report.month}`,
        'deadline',
        due,
        'UNIT_HEAD',
        `No report for month ${report.month} reached the assessors by ${due}: the month scores 0`,
        { step: 'report.submit', month: report.month },
      );
      return;
    }
  }

  /**
   * Until the report is approved or missed: a report with the assessors waits for their review
   * (however long it takes: the month waits for it); a returned one must come back within the
   * resubmission window, confirmed by the head when the policy asks, or the month scores 0.
   */
  private async settleReview(report: MonthReport, timeline: MonthTimeline): Promise<void> {
    const closed = () => this.outcomes.has(report.month);
    while (!closed() && report.status !== 'approved' && report.status !== 'missed') {
      if (report.status === 'submitted') {
        await this.awaitReview(report, timeline);
        continue;
      }
      const due = this.deadlineOf(report);
      if (await happensBefore(() => closed() || reachedAssessors(report), due)) continue;
      report.status = 'missed';
      await this.persist(report, 'report.missed', {
        reason: `Returned report not resubmitted to the assessors by ${due}`,
        change: { status: 'missed' },
      });
      await this.notifyUnit(
        `report/m${report.month}/resubmit`,
        'deadline',
        due,
        'UNIT_HEAD',
        `Returned report for month ${report.month} not resubmitted by ${due}: the month scores 0`,
        { step: 'report.submit', month: report.month },
      );
    }
  }

  /** Reminds the assessors before the review is due; when it passes, escalates to LEADERSHIP once. */
  private async awaitReview(report: MonthReport, timeline: MonthTimeline): Promise<void> {
    const reviewed = () => report.status !== 'submitted' || this.outcomes.has(report.month);
    const due = this.reviewDueOf(report, timeline);
    const topic = `report/m${report.month}/review`;
    for (const remindAt of remindersBefore(due, this.input.reminderOffsets, report.reachedAt ?? timeline.opensAt)) {
      if (await happensBefore(reviewed, remindAt)) return;
      await this.notifyUnit(
        topic,
        'reminder',
        remindAt,
        'ASSESSOR',
        `Report of unit ${this.input.unitId} for month ${report.month} waits for review, due ${due}`,
      );
    }
    if (await happensBefore(reviewed, due)) return;
    const reason = `Report of unit ${this.input.unitId} for month ${report.month} not reviewed by ${due}`;
    await this.notifyUnit(topic, 'escalation', due, 'LEADERSHIP', reason);
    await this.escalate(topic, 'LEADERSHIP', reason, () =>
      this.trail.entry('review.escalated', ['reports', report.month], {
        reason,
        change: { addressedTo: 'LEADERSHIP', reviewDueAt: due },
      }),
    );
    await condition(reviewed);
  }

  /** The month's review deadline; a report reaching the assessors later (an extension, a resubmission) gets the full review window. */
  private reviewDueOf(report: MonthReport, timeline: MonthTimeline): string {
    const reached = report.reachedAt ? Date.parse(report.reachedAt) + this.input.reviewWindowMs : 0;
    return new Date(Math.max(Date.parse(timeline.reviewDueAt), reached)).toISOString();
  }

  /** When the report must reach the assessors: the resubmission deadline once returned, else its due date. */
  private deadlineOf(report: MonthReport): string {
    return this.resubmitDue.get(report.month) ?? report.dueAt;
  }

  private receiveOutcome(outcome: MonthOutcome): void {
    const known = this.outcomes.get(outcome.month);
    if (known && known.version >= outcome.version) return;
    this.outcomes.set(outcome.month, outcome);
  }

  // ---- report steps -----------------------------------------------------------------------

  private validateSave({ month, values, texts }: SaveReportRequest): void {
    const report = this.knownMonth(month);
    this.assertOpen(report);
    if (!EDITABLE_REPORT_STATUSES.includes(report.status))
      reject('REPORT_NOT_EDITABLE', `The report for month ${month} is ${report.status}`);
    const due = this.deadlineOf(report);
    if (Date.now() > Date.parse(due))
      reject(
        'REPORT_DEADLINE_PASSED',
        `The report for month ${month} was due ${due}; ask an assessor for an extension`,
      );
    const problems = [...reportValueProblems(this.input.reportedIndicatorIds, values), ...textProblems(texts)];
    if (problems.length > 0)
      reject('INVALID_REPORT', `The report for month ${month} is invalid: ${problems.join('; ')}`, problems);
  }

  private async saveReport({ actor, month, values, texts, submit }: SaveReportRequest): Promise<MonthReport> {
    const report = this.reportOf(month);
    report.values = { ...values };
    if (texts) report.texts = { progress: texts.progress, problems: texts.problems, nextSteps: texts.nextSteps };
    const now = new Date().toISOString();
    if (!submit) report.status = 'draft';
    else {
      Object.assign(report, { submittedBy: actor.userId, submittedAt: now, headComment: null });
      // The head's own submission needs no second confirmation by the head.
      const byHead = holdsRoleFor(actor, 'UNIT_HEAD', this.input.unitId);
      if (this.input.headConfirmation && !byHead) report.status = 'awaiting_confirmation';
      else this.reachAssessors(report, now, byHead ? actor.userId : null);
    }
    const action = !submit
      ? 'report.draft_saved'
      : report.status === 'awaiting_confirmation'
        ? 'report.submitted_to_head'
        : 'report.submitted';
    await this.persist(report, action, {
      actor,
      change: { status: report.status, values, texts: texts ?? null, late: report.late },
    });
    return { ...report };
  }

  private validateConfirmation({ month, decision, comment }: ConfirmReportRequest): void {
    const report = this.knownMonth(month);
    if (this.outcomes.has(month)) reject('MONTH_CLOSED', `Month ${month} is closed`);
    if (report.status !== 'awaiting_confirmation')
      reject(
        'REPORT_NOT_AWAITING_CONFIRMATION',
        `The report for month ${month} is ${report.status}, not waiting for the head's confirmation`,
      );
    const due = this.deadlineOf(report);
    if (decision === 'confirm' && Date.now() > Date.parse(due))
      reject('REPORT_DEADLINE_PASSED', `The report for month ${month} had to reach the assessors by ${due}`);
    if (decision === 'send_back' && !comment?.trim())
      reject('RETURN_COMMENT_REQUIRED', 'Sending a report back needs a comment saying what to change');
  }

  private async confirmReport({ actor, month, decision, comment }: ConfirmReportRequest): Promise<MonthReport> {
    const report = this.reportOf(month);
    if (decision === 'confirm') this.reachAssessors(report, new Date().toISOString(), actor.userId);
    else Object.assign(report, { status: 'sent_back', headComment: comment!.trim() });
    await this.persist(report, decision === 'confirm' ? 'report.confirmed' : 'report.sent_back', {
      actor,
      role: 'UNIT_HEAD',
      reason: comment,
      change: { status: report.status, late: report.late },
    });
    return { ...report };
  }

  /** The report reaches the assessors now; late when after the original due date (under an extension). */
  private reachAssessors(report: MonthReport, at: string, confirmedBy: string | null): void {
    Object.assign(report, {
      status: 'submitted',
      reachedAt: at,
      confirmedBy,
      late: Date.parse(at) > Date.parse(this.originalDue(report.month)),
    });
  }

  private validateReview({ month, decision, comment }: ReviewReportRequest): void {
    const report = this.knownMonth(month);
    if (this.outcomes.has(month)) reject('MONTH_CLOSED', `Month ${month} is closed`);
    if (report.status !== 'submitted')
      reject('REPORT_NOT_SUBMITTED', `The report for month ${month} is ${report.status}, not submitted`);
    if (decision === 'return' && !comment?.trim())
      reject('RETURN_COMMENT_REQUIRED', 'Returning a report needs a comment saying what to fix');
    const unrated = this.input.ratedIndicatorIds.filter((id) => !(id in report.ratings));
    if (decision === 'approve' && unrated.length > 0)
      reject('RATINGS_MISSING', `Enter the manual ratings first: ${unrated.join(', ')}`);
  }

  private validateRating({ month, indicatorId, value }: RateIndicatorRequest): void {
    const report = this.knownMonth(month);
    if (this.outcomes.has(month)) reject('MONTH_CLOSED', `Month ${month} is closed`);
    if (report.status === 'approved')
      reject('REPORT_NOT_EDITABLE', `The report for month ${month} is already approved`);
    if (!this.input.ratedIndicatorIds.includes(indicatorId))
      reject('INVALID_RATING', `${indicatorId} is not a manually rated indicator of unit ${this.input.unitId}`);
    if (typeof value !== 'number' || !Number.isFinite(value))
      reject('INVALID_RATING', `${indicatorId}: ${JSON.stringify(value)} is not a finite number`);
  }

  private async rateIndicator({ actor, month, indicatorId, value }: RateIndicatorRequest): Promise<MonthReport> {
    const report = this.reportOf(month);
    report.ratings = { ...report.ratings, [indicatorId]: value };
    await this.persist(report, 'report.rated', { actor, role: 'ASSESSOR', change: { indicatorId, value } });
    return { ...report };
  }

  private async reviewReport({ actor, month, decision, comment }: ReviewReportRequest): Promise<MonthReport> {
    const report = this.reportOf(month);
    Object.assign(report, {
      status: decision === 'approve' ? 'approved' : 'returned',
      reviewedBy: actor.userId,
      reviewComment: comment ?? null,
    });
    if (decision === 'return')
      this.resubmitDue.set(month, new Date(Date.now() + this.input.resubmitWindowMs).toISOString());
    await this.persist(report, decision === 'approve' ? 'report.approved' : 'report.returned', {
      actor,
      role: 'ASSESSOR',
      reason: comment,
      change: { status: report.status },
    });
    return { ...report };
  }

  private validateExtensionRequest({ month, until, reason }: RequestExtensionRequest): void {
    const report = this.knownMonth(month);
    this.assertOpen(report);
    if (reachedAssessors(report) || report.status === 'missed')
      reject('EXTENSION_NOT_ALLOWED', `The report for month ${month} is ${report.status}`);
    if (report.extension?.status === 'requested')
      reject('EXTENSION_ALREADY_PENDING', 'An extension request is already waiting for a decision');
    if (!(Date.parse(until) > Date.parse(report.dueAt)))
      reject('EXTENSION_NOT_LATER', `An extension must end after the current deadline ${report.dueAt}`);
    const latest = latestExtensionEnd(this.timelineOf(month), this.input.resubmitWindowMs);
    if (Date.parse(until) > Date.parse(latest))
      reject('EXTENSION_TOO_LONG', `An extension of month ${month} may run until ${latest} at the latest`);
    if (!reason.trim()) reject('EXTENSION_REASON_REQUIRED', 'Say why the extension is needed');
  }

  private async requestExtension({ actor, month, until, reason }: RequestExtensionRequest): Promise<MonthReport> {
    const report = this.reportOf(month);
    report.extension = {
      requestedBy: actor.userId,
      reason,
      until: new Date(Date.parse(until)).toISOString(),
      status: 'requested',
      decidedBy: null,
    };
    await this.persist(report, 'report.extension_requested', {
      actor,
      reason,
      change: { until: report.extension.until },
    });
    return { ...report };
  }

  private validateExtensionDecision({ month }: DecideExtensionRequest): void {
    const report = this.knownMonth(month);
    if (report.extension?.status !== 'requested')
      reject('NO_EXTENSION_REQUESTED', `No extension request is waiting for month ${month}`);
  }

  private async decideExtension({ actor, month, approve, comment }: DecideExtensionRequest): Promise<MonthReport> {
    const report = this.reportOf(month);
    const extension = report.extension!;
    extension.status = approve ? 'approved' : 'rejected';
    extension.decidedBy = actor.userId;
    if (approve) {
      report.dueAt = extension.until;
      if (report.status === 'missed') report.status = report.values ? 'draft' : 'open';
    }
    await this.persist(report, approve ? 'report.extension_approved' : 'report.extension_rejected', {
      actor,
      role: 'ASSESSOR',
      reason: comment,
      change: { dueAt: report.dueAt, status: report.status },
    });
    return { ...report };
  }

  // ---- helpers ----------------------------------------------------------------------------

  private knownMonth(month: number): MonthReport {
    const report = this.reports.get(month);
    if (!report) reject('UNKNOWN_MONTH', `Month ${month} is not a month of this cycle (1..12)`);
    return report;
  }

  private assertOpen(report: MonthReport): void {
    if (this.outcomes.has(report.month)) reject('MONTH_CLOSED', `Month ${report.month} is closed`);
    if (Date.now() < Date.parse(report.opensAt))
      reject('REPORT_WINDOW_NOT_OPEN', `The report for month ${report.month} opens at ${report.opensAt}`);
  }

  private reportOf(month: number): MonthReport {
    return this.reports.get(month)!;
  }

  private timelineOf(month: number): MonthTimeline {
    return this.input.months.find((timeline) => timeline.month === month)!;
  }

  private originalDue(month: number): string {
    return this.timelineOf(month).dueAt;
  }

  /** Writes the report's read-model row with the audit row of what changed (`action`). */
  private async persist(report: MonthReport, action: string, details: AuditDetails): Promise<void> {
    this.revision += 1;
    const audit = this.trail.entry(action, ['reports', report.month], details);
    await this.work.track(
      recordReport({
        cycleId: this.input.cycleId,
        unitId: this.input.unitId,
        revision: this.revision,
        report: { ...report },
        // The API saves drafts itself while this deadline has not passed.
        deadline: this.deadlineOf(report),
        audit,
      }),
    );
  }

  private async notifyUnit(
    topic: string,
    kind: NotificationKind,
    at: string,
    recipientRole: Role,
    subject: string,
    about: Pick<NotificationRequest, 'step' | 'month'> = {},
  ): Promise<void> {
    const key = `${this.keyPrefix()}/${topic}/${kind}/${at}`;
    if (!this.firstTime(key)) return;
    const audit = this.trail.entry(`notification.${kind}`, topic.split('/'), {
      reason: subject,
      change: { key, recipientRole, dueAt: at },
    });
    await this.work.track(
      notify({
        key,
        cycleId: this.input.cycleId,
        unitId: this.input.unitId,
        kind,
        recipientRole,
        subject,
        dueAt: at,
        ...about,
        audit,
      }),
    );
  }

  /**
   * Escalates `topic` to `addressedTo` once; `audit` is built only when it goes out. Not async: the
   * caller awaits the activity's own promise, as before escalations were kept across runs.
   */
  private escalate(
    topic: string,
    addressedTo: Role,
    reason: string,
    audit: () => AuditEntryRequest,
  ): Promise<boolean | undefined> {
    const key = `${this.keyPrefix()}/${topic}/escalation`;
    if (!this.firstTime(key)) return Promise.resolve(false);
    return this.work.track(
      escalate({ key, cycleId: this.input.cycleId, unitId: this.input.unitId, addressedTo, reason, audit: audit() }),
    );
  }

  /** Each case runs as its own workflow and outlives the unit's year (a year-end adjustment takes weeks). */
  private async openCase(input: CaseInput): Promise<void> {
    const workflowId = caseWorkflowId(input.cycleId, input.unitId, input.rung, input.month);
    if (!this.firstTime(workflowId)) return;
    try {
      await this.work.track(
        startChild(caseWorkflow, {
          workflowId,
          args: [input],
          parentClosePolicy: ParentClosePolicy.ABANDON,
          typedSearchAttributes: [
            { key: CYCLE_ID, value: input.cycleId },
            { key: UNIT_ID, value: input.unitId },
          ],
        }),
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  /** The human steps this unit's workflow waits for (GET /admin/tasks): the pledge, then each open month's. */
  pendingSteps(): PendingStep[] {
    const unitId = this.input.unitId;
    const steps: PendingStep[] = [];
    if (!this.pledge.signed)
      steps.push({ step: 'pledge.sign', role: 'UNIT_HEAD', unitId, dueAt: this.pledge.deadline });
    for (const timeline of this.input.months) {
      const report = this.reportOf(timeline.month);
      if (!this.opened.has(report.month) || this.outcomes.has(report.month)) continue;
      const step = (name: string, role: Role, dueAt: string): PendingStep => ({
        step: name,
        role,
        unitId,
        month: report.month,
        dueAt,
      });
      if (EDITABLE_REPORT_STATUSES.includes(report.status))
        steps.push(step('report.submit', 'UNIT_REPORTER', this.deadlineOf(report)));
      if (report.status === 'awaiting_confirmation')
        steps.push(step('report.confirm', 'UNIT_HEAD', this.deadlineOf(report)));
      if (report.extension?.status === 'requested') steps.push(step('extension.decide', 'ASSESSOR', report.dueAt));
      if (report.status === 'approved' || report.status === 'missed') continue;
      // Ratings may be entered while the unit still writes; approval waits for them.
      if (this.input.ratedIndicatorIds.some((id) => !(id in report.ratings)))
        steps.push(step('report.rate', 'ASSESSOR', timeline.reviewDueAt));
      if (report.status === 'submitted')
        steps.push(step('report.review', 'ASSESSOR', this.reviewDueOf(report, timeline)));
    }
    return steps;
  }

  private keyPrefix(): string {
    return `${this.input.cycleId}/${this.input.unitId}`;
  }
}

function emptyReport(timeline: MonthTimeline): MonthReport {
  return {
    month: timeline.month,
    status: 'open',
    opensAt: timeline.opensAt,
    dueAt: timeline.dueAt,
    late: false,
    values: null,
    texts: null,
    ratings: {},
    submittedBy: null,
    submittedAt: null,
    confirmedBy: null,
    reachedAt: null,
    headComment: null,
    reviewedBy: null,
    reviewComment: null,
    extension: null,
  };
}

/** The report reached the assessors (confirmed by the head when the policy asks) and was not returned since. */
function reachedAssessors(report: MonthReport): boolean {
  return report.status === 'submitted' || report.status === 'approved';
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

/** Refuses a human step with one of this workflow's rejection codes. */
const reject: Refusal<WorkflowRejection> = refuse;
