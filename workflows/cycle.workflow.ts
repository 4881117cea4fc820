import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '@jiebang/activities';
import {
  CYCLE_RUN_EVENTS,
  type Actor,
  type CloseMonthRequest,
  type CycleMonthTimeline,
  type CycleResume,
  type CycleStatus,
  type CycleWorkflowInput,
  type DecideAppealRequest,
  type FileAppealRequest,
  type MonthCloseState,
  type PendingStep,
  type PublishBulletinRequest,
  type RankingCause,
  type WorkflowRejection,
} from '@jiebang/contracts';
import {
  closeMonthNowUpdate,
  cycleStatusQuery,
  decideAppealUpdate,
  fileAppealUpdate,
  monthReportSettledSignal,
  pendingStepsQuery,
  publishBulletinUpdate,
} from '@jiebang/contracts/temporal';
import { keepGoingOnFailure, PACED_DELIVERY_OPTIONS, RECORDING_ACTIVITY_OPTIONS } from './activity-options';
import { refuse, type Refusal } from './refusal';
import { AuditTrail, type AuditDetails } from './audit-trail';
import { happensBefore, instantAfter, sleepUntil } from './deadlines';
import { WorkInFlight } from './work-in-flight';

// The month's machinery: the year cannot go on without it, so it retries within its bounds.
const { openReportWindows, monthReadiness, rankMonth, finaliseMonth, publishRanking } =
  proxyActivities<Activities>(RECORDING_ACTIVITY_OPTIONS);
// Records of what already happened: a failure for good is recorded and the year goes on.
const { recordAppeal, recordAnnualResults } = keepGoingOnFailure(
  proxyActivities<Activities>(RECORDING_ACTIVITY_OPTIONS),
);
const { deliverOutcomes } = keepGoingOnFailure(proxyActivities<Activities>(PACED_DELIVERY_OPTIONS));

/** Past the review deadline the close checks this many times less often, at most every LATE_POLL_MS. */
const LATE_POLL_FACTOR = 10;
const LATE_POLL_MS = 10 * 60_000;

/**
 * Versioned change (docs/workflow-changes.md): a collecting month is checked again when a report
 * of it settles (the activity that wrote it signals the cycle) or an assessor asks, and otherwise
 * only every LATE_POLL_FACTOR × reviewPollMs (at most LATE_POLL_MS) in case a signal was lost:
 * about 6 history events an hour instead of 660. Histories made before it keep the minute timer.
 */
export const CYCLE_READINESS_BY_SIGNALS = 'cycle-readiness-by-signals';

/** The system acting on its own (month closes by deadline), as recorded in rankings. */
const SYSTEM_ACTOR = 'system:cycle-workflow';

/** Who made a change of the ranking and why (in English, and structured); without `actor` the workflow itself did. */
type RankingChange = AuditDetails & { reason: string; cause: RankingCause };

/**
 * Closes each month of a cycle in order: when every report is reviewed (or at the review
 * deadline, or when an assessor says so) it ranks every category with the rules engine,
 * freezes the month, opens the appeal window, makes the ranking final and tells each unit.
 * LEADERSHIP then publishes the month's bulletin.
 *
 * The ranking itself runs in the `rankMonth` activity, which reads the month from Postgres,
 * calls the same pure rules as `jiebang simulate` and stores the frozen version: a district's
 * reports and results are far larger than what belongs in a workflow's history.
 */
export async function cycleWorkflow(input: CycleWorkflowInput): Promise<CycleStatus> {
  const cycle = new CycleClose(input);
  cycle.acceptHumanSteps();
  await Promise.race([cycle.closeYear(), continueAsNewWhenLong(cycle, input)]);
  // Bulletins may still be waiting for LEADERSHIP; the workflow ends once all are published.
  await condition(() => cycle.everyBulletinPublished());
  await condition(allHandlersFinished);
  return cycle.status();
}

/**
 * Versioned change (docs/workflow-changes.md): a run of the cycle continues as new when
 * its history grows long. A month waiting for its reviews checks every minute, about 660 events an
 * hour: one history would reach Temporal's limit (51,200 events) within the first month. Histories
 * made before the change (no marker where the run grew long) go on in one run.
 */
export const CYCLE_CONTINUE_AS_NEW_WHEN_LONG = 'cycle-continue-as-new-when-long';

/**
 * Once the history holds `input.runEvents` events (or Temporal suggests it), and nothing is half
 * done (no Update in flight, no activity awaited), hands the cycle to a new run of the same
 * workflow id. Timers are not carried: the months' stages and absolute instants re-arm them.
 */
async function continueAsNewWhenLong(cycle: CycleClose, input: CycleWorkflowInput): Promise<never> {
  const limit = input.runEvents ?? CYCLE_RUN_EVENTS;
  let threshold = limit;
  let heedSuggestion = true;
  for (;;) {
    await condition(
      () => workflowInfo().historyLength >= threshold || (heedSuggestion && workflowInfo().continueAsNewSuggested),
    );
    if (patched(CYCLE_CONTINUE_AS_NEW_WHEN_LONG)) break;
    // A history made before the change: a worker that runs it live (after an upgrade) hands it over later.
    threshold = workflowInfo().historyLength + limit;
    heedSuggestion = false;
  }
  while (!cycle.atRest()) await condition(() => cycle.atRest());
  return await continueAsNew<typeof cycleWorkflow>({ ...input, resume: cycle.handOver() });
}

class CycleClose {
  completed = false;
  private readonly months = new Map<number, MonthCloseState>();
  /** The assessor who asked to close each month early. */
  private readonly closeRequests = new Map<number, Actor>();
  /** Every change of the cycle, by a person or by the workflow, is appended here. */
  private readonly trail: AuditTrail;
  /**
   * Appeal decisions and bulletins taken up by a handler. The state they change is set only once
   * their writes are done, so without this a second request (a double click) would pass the
   * validator meanwhile, re-rank the month and audit the step twice.
   */
  private readonly inProgress = new Set<string>();
  /** Activities the year's course awaits: a run hands over only when there are none. */
  private readonly work = new WorkInFlight();
  /** Months a report of which settled since their readiness was last read (monthReportSettledSignal). */
  private readonly settledSince = new Set<number>();

  constructor(private readonly input: CycleWorkflowInput) {
    this.trail = new AuditTrail(input.cycleId);
    if (input.resume) {
      this.resume(input.resume);
      return;
    }
    for (const timeline of input.months) {
      this.months.set(timeline.month, {
        month: timeline.month,
        stage: 'waiting',
        version: 0,
        closedAt: null,
        appealsOpenUntil: null,
        appeals: [],
        publishedBy: null,
      });
    }
  }

  private resume(resume: CycleResume): void {
    for (const month of resume.months) this.months.set(month.month, month);
    for (const { month, actor } of resume.closeRequests) this.closeRequests.set(month, actor);
    this.completed = resume.completed;
    log.info('the cycle goes on in a new run', { cycleId: this.input.cycleId, runs: resume.runs + 1 });
  }

  /** Everything this run knows, for the next one. */
  handOver(): CycleResume {
    return {
      runs: (this.input.resume?.runs ?? 0) + 1,
      months: this.status().months,
      closeRequests: [...this.closeRequests].map(([month, actor]) => ({ month, actor })),
      completed: this.completed,
    };
  }

  /** Nothing half done: no Update in flight, no activity awaited. */
  atRest(): boolean {
    return this.work.atRest();
  }

  /** Every month closed in order, then the year's results; a later run goes on where the months' stages say. */
  async closeYear(): Promise<void> {
    for (const timeline of this.input.months) await this.closeMonth(timeline);
    if (!this.completed) await this.recordAnnualResults();
  }

  status(): CycleStatus {
    return {
      cycleId: this.input.cycleId,
      months: [...this.months.values()].map((month) => ({ ...month, appeals: [...month.appeals] })),
      completed: this.completed,
    };
  }

  everyBulletinPublished(): boolean {
    return [...this.months.values()].every((month) => month.stage === 'published');
  }

  acceptHumanSteps(): void {
    setHandler(cycleStatusQuery, () => this.status());
    setHandler(monthReportSettledSignal, ({ month }) => void this.settledSince.add(month));
    setHandler(pendingStepsQuery, () => this.pendingSteps());
    setHandler(closeMonthNowUpdate, (request) => this.requestClose(request), {
      validator: (request) => this.validateClose(request),
    });
    setHandler(fileAppealUpdate, (request) => this.fileAppeal(request), {
      validator: (request) => this.validateAppeal(request),
    });
    setHandler(decideAppealUpdate, (request) => this.decideAppeal(request), {
      validator: (request) => this.validateAppealDecision(request),
    });
    setHandler(publishBulletinUpdate, (request) => this.publish(request), {
      validator: (request) => this.validatePublish(request),
    });
  }

  /** One month, from its end to a final ranking that every unit has been told. */
  async closeMonth(timeline: CycleMonthTimeline): Promise<void> {
    const month = this.monthState(timeline.month);
    if (month.stage === 'waiting') {
      await sleepUntil(timeline.opensAt);
      month.stage = 'collecting';
      await this.work.track(
        openReportWindows({
          cycleId: this.input.cycleId,
          month: timeline.month,
          audit: this.trail.entry('reports.opened', ['months', timeline.month, 'reports'], {
            reason: `month ${timeline.month} ended`,
          }),
        }),
      );
    }
    if (month.stage === 'collecting') {
      const closedBy = await this.awaitCloseTrigger(timeline);
      await this.rank(timeline.month, closedBy);
      month.closedAt = new Date().toISOString();
      month.appealsOpenUntil = instantAfter(month.closedAt, this.input.appealWindowMs);
      await this.work.track(
        this.trail.record('month.closed', ['months', timeline.month], {
          actor: closedBy.actor,
          role: closedBy.role,
          reason: closedBy.reason,
          change: { version: month.version, closedAt: month.closedAt, appealsOpenUntil: month.appealsOpenUntil },
        }),
      );
      month.stage = 'appeal';
    }
    if (month.stage !== 'appeal') return; // final (its outcomes delivered) or published, by a run before this one
    await sleepUntil(month.appealsOpenUntil!);
    await condition(() => month.appeals.every((appeal) => appeal.status !== 'open'));
    const ref = { cycleId: this.input.cycleId, month: timeline.month, version: month.version };
    const finalised = this.trail.entry('ranking.finalised', ['months', timeline.month, 'ranking'], {
      reason: `the appeal window closed at ${month.appealsOpenUntil} with every appeal decided`,
      change: { version: month.version, appeals: month.appeals.length },
    });
    await this.work.track(finaliseMonth({ ...ref, audit: finalised }));
    month.stage = 'final';
    await this.work.track(
      deliverOutcomes({
        ...ref,
        audit: this.trail.entry('outcomes.delivered', ['months', timeline.month, 'outcomes'], {
          change: { version: month.version },
        }),
      }),
    );
  }

  /** At the year's end: which units completed their annual task. */
  async recordAnnualResults(): Promise<void> {
    const audit = this.trail.entry('annual_results.recorded', ['annual-results'], {
      reason: `the last month (${this.input.months.length}) is final`,
      change: { months: this.input.months.length },
    });
    await this.work.track(recordAnnualResults({ cycleId: this.input.cycleId, audit }));
    this.completed = true;
  }

  /**
   * Closes when every report of the month is settled (approved, or missed: it never reached the
   * assessors in time), or when an assessor asked and no review is pending. The review deadline
   * closes nothing: the month waits for every report that reached the assessors in time.
   */
  private async awaitCloseTrigger(timeline: CycleMonthTimeline): Promise<RankingChange> {
    const month = timeline.month;
    for (;;) {
      // Cleared before the read: a report settling while it runs wakes the month again.
      this.settledSince.delete(month);
      const readiness = await this.work.track(monthReadiness({ cycleId: this.input.cycleId, month }));
      const assessor = this.closeRequests.get(month);
      if (assessor && readiness.pending.length === 0)
        return {
          actor: assessor,
          role: 'ASSESSOR',
          reason: `month ${month} closed by an assessor with ${readiness.settled} of ${readiness.units} reports settled and no review pending`,
          cause: { kind: 'closed_by_assessor', settled: readiness.settled, units: readiness.units },
        };
      if (readiness.settled === readiness.units)
        return {
          reason: `month ${month} closed: all ${readiness.units} reports approved or missed`,
          cause: { kind: 'month_settled', units: readiness.units },
        };
      const askedBefore = this.closeRequests.has(month);
      if (patched(CYCLE_READINESS_BY_SIGNALS)) {
        const fallback = instantAfter(new Date().toISOString(), this.fallbackIntervalMs());
        await happensBefore(
          () => this.closeRequests.has(month) !== askedBefore || this.settledSince.has(month),
          fallback,
        );
        continue;
      }
      const nextCheck = instantAfter(new Date().toISOString(), this.pollIntervalMs(timeline));
      await happensBefore(() => this.closeRequests.has(month) !== askedBefore, nextCheck);
    }
  }

  /** Between signals, a check now and then in case one was lost (the cycle is told of every settled report). */
  private fallbackIntervalMs(): number {
    return Math.min(LATE_POLL_MS, this.input.reviewPollMs * LATE_POLL_FACTOR);
  }

  /**
   * Past the review deadline the month may wait days for a slow assessor: checking less often
   * keeps the cycle's history small meanwhile (a review still closes the month within minutes).
   */
  private pollIntervalMs(timeline: CycleMonthTimeline): number {
    const late = Date.now() >= Date.parse(timeline.reviewDueAt);
    return late ? Math.min(LATE_POLL_MS, this.input.reviewPollMs * LATE_POLL_FACTOR) : this.input.reviewPollMs;
  }

  /** Freezes the next version of the month's ranking, as `by` says: who, and why. */
  private async rank(month: number, { cause, ...by }: RankingChange): Promise<void> {
    const state = this.monthState(month);
    const version = state.version + 1;
    const audit = this.trail.entry('ranking.frozen', ['months', month, 'ranking'], {
      ...by,
      change: { version, supersedes: state.version === 0 ? null : state.version },
    });
    await this.work.track(
      rankMonth({
        cycleId: this.input.cycleId,
        month,
        version,
        reason: by.reason,
        cause,
        createdBy: by.actor?.userId ?? SYSTEM_ACTOR,
        audit,
      }),
    );
    state.version = version;
  }

  // ---- human steps ------------------------------------------------------------------------

  private validateClose({ month }: CloseMonthRequest): void {
    this.knownMonth(month);
    const timeline = this.input.months.find((t) => t.month === month)!;
    if (Date.now() < Date.parse(timeline.opensAt))
      reject('REPORT_WINDOW_NOT_OPEN', `Month ${month} has not ended yet (${timeline.opensAt})`, undefined, {
        month,
        opensAt: timeline.opensAt,
      });
  }

  /**
   * Refused while reviews are pending (they live in Postgres, so the check is an activity, not the
   * validator). Idempotent: asking again, or after the month closed by itself, changes nothing.
   */
  private async requestClose({ actor, month }: CloseMonthRequest): Promise<MonthCloseState> {
    const state = this.monthState(month);
    if (state.stage !== 'collecting' || this.closeRequests.has(month)) return { ...state };
    const { pending } = await monthReadiness({ cycleId: this.input.cycleId, month });
    if (pending.length > 0)
      reject(
        'REVIEWS_PENDING',
        `Month ${month} waits for ${pending.length} report${pending.length === 1 ? '' : 's'}: ${pending
          .map((review) => `${review.unitId} (${review.waitingFor})`)
          .join(', ')}`,
        pending,
      );
    if (!this.closeRequests.has(month)) this.closeRequests.set(month, actor);
    return { ...this.monthState(month) };
  }

  private validateAppeal({ month, unitId, reason }: FileAppealRequest): void {
    const state = this.knownMonth(month);
    if (state.stage !== 'appeal' || Date.now() > Date.parse(state.appealsOpenUntil!))
      reject('APPEAL_WINDOW_CLOSED', `Appeals for month ${month} are not open (${state.stage})`, undefined, { month });
    if (state.appeals.some((appeal) => appeal.unitId === unitId))
      reject('APPEAL_ALREADY_FILED', `Unit ${unitId} already appealed month ${month}`);
    if (!reason.trim()) reject('APPEAL_REASON_REQUIRED', 'Say why the ranking is wrong');
  }

  private async fileAppeal({ actor, month, unitId, reason }: FileAppealRequest): Promise<MonthCloseState> {
    const state = this.monthState(month);
    state.appeals.push({ unitId, reason, filedBy: actor.userId, status: 'open', decidedBy: null });
    const audit = this.trail
      .ofUnit(unitId)
      .entry('appeal.filed', ['appeals', month], { actor, reason, change: { status: 'open', version: state.version } });
    await recordAppeal({
      cycleId: this.input.cycleId,
      month,
      unitId,
      reason,
      filedBy: actor.userId,
      status: 'open',
      decidedBy: null,
      comment: null,
      correctedValues: null,
      audit,
    });
    return { ...state, appeals: [...state.appeals] };
  }

  private validateAppealDecision({ month, unitId, decision, values }: DecideAppealRequest): void {
    const state = this.knownMonth(month);
    const appeal = state.appeals.find((a) => a.unitId === unitId);
    if (!appeal || appeal.status !== 'open' || this.inProgress.has(appealKey(month, unitId)))
      reject('NO_OPEN_APPEAL', `No open appeal of unit ${unitId} for month ${month}`);
    if (decision === 'correct' && !values)
      reject('CORRECTION_VALUES_REQUIRED', 'A correction needs the corrected values');
  }

  /** Upholding changes nothing; a correction re-ranks the month from the corrected values as a new version. */
  private async decideAppeal({
    actor,
    month,
    unitId,
    decision,
    comment,
    values,
  }: DecideAppealRequest): Promise<MonthCloseState> {
    const state = this.monthState(month);
    const appeal = state.appeals.find((a) => a.unitId === unitId)!;
    const status = decision === 'correct' ? 'corrected' : 'upheld';
    this.inProgress.add(appealKey(month, unitId));
    const audit = this.trail.ofUnit(unitId).entry(`appeal.${status}`, ['appeals', month], {
      actor,
      role: 'ASSESSOR',
      reason: comment,
      change: { status, correctedValues: values ?? null },
    });
    await recordAppeal({
      cycleId: this.input.cycleId,
      month,
      unitId,
      reason: appeal.reason,
      filedBy: appeal.filedBy,
      status,
      decidedBy: actor.userId,
      comment,
      correctedValues: values ?? null,
      audit,
    });
    if (decision === 'correct')
      await this.rank(month, {
        actor,
        role: 'ASSESSOR',
        reason: `appeal of ${unitId} corrected: ${comment}`,
        cause: { kind: 'appeal_corrected', unitId, comment },
      });
    // Last: the month waits for every appeal to be decided, and must find its new version frozen.
    Object.assign(appeal, { status, decidedBy: actor.userId });
    return { ...state, appeals: [...state.appeals] };
  }

  private validatePublish({ month }: PublishBulletinRequest): void {
    const state = this.knownMonth(month);
    if (state.stage === 'published' || this.inProgress.has(bulletinKey(month)))
      reject('BULLETIN_ALREADY_PUBLISHED', `The bulletin of month ${month} is already published`);
    if (state.stage !== 'final')
      reject('RANKING_NOT_FINAL', `The ranking of month ${month} is not final yet (${state.stage})`);
  }

  private async publish({ actor, month }: PublishBulletinRequest): Promise<MonthCloseState> {
    const state = this.monthState(month);
    this.inProgress.add(bulletinKey(month));
    const audit = this.trail.entry('bulletin.published', ['months', month, 'bulletin'], {
      actor,
      role: 'LEADERSHIP',
      change: { version: state.version },
    });
    await publishRanking({
      cycleId: this.input.cycleId,
      month,
      version: state.version,
      publishedBy: actor.userId,
      audit,
    });
    state.stage = 'published';
    state.publishedBy = actor.userId;
    return { ...state };
  }

  /** The human steps the cycle waits for (GET /admin/tasks): closes, appeal decisions, bulletins. */
  private pendingSteps(): PendingStep[] {
    const steps: PendingStep[] = [];
    for (const timeline of this.input.months) {
      const { month, stage, appeals } = this.monthState(timeline.month);
      if (stage === 'collecting' && !this.closeRequests.has(month))
        steps.push({ step: 'month.close', role: 'ASSESSOR', month, dueAt: timeline.reviewDueAt });
      for (const appeal of appeals)
        if (appeal.status === 'open')
          steps.push({ step: 'appeal.decide', role: 'ASSESSOR', unitId: appeal.unitId, month, dueAt: null });
      if (stage === 'final') steps.push({ step: 'bulletin.publish', role: 'LEADERSHIP', month, dueAt: null });
    }
    return steps;
  }

  private knownMonth(month: number): MonthCloseState {
    const state = this.months.get(month);
    if (!state) reject('UNKNOWN_MONTH', `Month ${month} is not a month of this cycle (1..12)`);
    return state;
  }

  private monthState(month: number): MonthCloseState {
    return this.months.get(month)!;
  }
}

function appealKey(month: number, unitId: string): string {
  return `appeal/${month}/${unitId}`;
}

function bulletinKey(month: number): string {
  return `bulletin/${month}`;
}

/** Refuses a human step with one of this workflow's rejection codes. */
const reject: Refusal<WorkflowRejection> = refuse;
