import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, log, proxyActivities, startChild } from '@temporalio/workflow';
import type { Activities } from '@jiebang/activities';
import {
  caseWorkflowId,
  reviewDueOf,
  type AuditEntryRequest,
  type CaseInput,
  type MonthCourse,
  type MonthOutcome,
  type MonthReport,
  type MonthTimeline,
  type NotificationKind,
  type NotificationRequest,
  type PledgeStatus,
  type Role,
  type UnitCycleInput,
  type UnitCycleResume,
  type UnitCycleStatus,
  type UnitPhase,
  type WorkflowRejection,
} from '@jiebang/contracts';
import { CYCLE_ID, UNIT_ID } from '@jiebang/contracts/temporal';
import { keepGoingOnFailure, RECORDING_ACTIVITY_OPTIONS } from '../activity-options';
import { AuditTrail, type AuditDetails } from '../audit-trail';
import { caseWorkflow } from '../case.workflow';
import { refuse, type Refusal } from '../refusal';
import { upsertPhase } from '../search-attributes';
import { WorkInFlight } from '../work-in-flight';

const { notify, escalate, recordReport } = keepGoingOnFailure(proxyActivities<Activities>(RECORDING_ACTIVITY_OPTIONS));

/**
 * What one unit's year knows (the pledge, each month's report, course and outcome), what it has
 * done (the audit trail, the keys of notices, escalations and cases sent), and the records every
 * step writes through: the read model's report row, a notice, an escalation, a case. The steps
 * themselves live beside it: the pledge (pledge.ts), the months' timers (month.ts), the people's
 * Updates (report-steps.ts), what waits for whom (pending-steps.ts).
 */
export class UnitYear {
  phase: UnitPhase = 'pledge';
  readonly pledge: PledgeStatus;
  private readonly reports = new Map<number, MonthReport>();
  readonly outcomes = new Map<number, MonthOutcome>();
  readonly resubmitDue = new Map<number, string>();
  /** Months whose report window has opened. */
  readonly opened = new Set<number>();
  /** Every change of this unit, by a person or by the workflow, is appended here. */
  readonly trail: AuditTrail;
  /** Bumped on every change of a report, so the read model never takes an older write over a newer one. */
  private revision = 0;
  /** Each month's course (reminders passed, which deadline it settles), handed to the next run. */
  readonly courses = new Map<number, MonthCourse>();
  /** Keys of notices and escalations sent and cases started, by this run and the runs before it. */
  private readonly done = new Set<string>();
  /** What the runs before this one did: not done again. (A first run skips nothing, as before runs continued as new.) */
  private readonly doneBefore: ReadonlySet<string>;
  /** Activities and child starts this run awaits: a run hands over only when there are none. */
  private readonly work = new WorkInFlight();

  constructor(readonly input: UnitCycleInput) {
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

  /** The month's review deadline; a report reaching the assessors later (an extension, a resubmission) gets the full review window. */
  reviewDueOf(report: MonthReport, timeline: MonthTimeline): string {
    return reviewDueOf(report, timeline, this.input.reviewWindowMs);
  }

  /** When the report must reach the assessors: the resubmission deadline once returned, else its due date. */
  deadlineOf(report: MonthReport): string {
    return this.resubmitDue.get(report.month) ?? report.dueAt;
  }

  // ---- what the steps look up -------------------------------------------------------------

  knownMonth(month: number): MonthReport {
    const report = this.reports.get(month);
    if (!report) reject('UNKNOWN_MONTH', `Month ${month} is not a month of this cycle (1..12)`);
    return report;
  }

  assertOpen(report: MonthReport): void {
    if (this.outcomes.has(report.month))
      reject('MONTH_CLOSED', `Month ${report.month} is closed`, undefined, { month: report.month });
    if (Date.now() < Date.parse(report.opensAt))
      reject('REPORT_WINDOW_NOT_OPEN', `The report for month ${report.month} opens at ${report.opensAt}`, undefined, {
        month: report.month,
        opensAt: report.opensAt,
      });
  }

  reportOf(month: number): MonthReport {
    return this.reports.get(month)!;
  }

  timelineOf(month: number): MonthTimeline {
    return this.input.months.find((timeline) => timeline.month === month)!;
  }

  originalDue(month: number): string {
    return this.timelineOf(month).dueAt;
  }

  /** Writes the report's read-model row with the audit row of what changed (`action`). */
  async persist(report: MonthReport, action: string, details: AuditDetails): Promise<void> {
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

  async notifyUnit(
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
  escalate(
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
  async openCase(input: CaseInput): Promise<void> {
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
export function reachedAssessors(report: MonthReport): boolean {
  return report.status === 'submitted' || report.status === 'approved';
}

/** Refuses a human step with one of this workflow's rejection codes. */
export const reject: Refusal<WorkflowRejection> = refuse;
