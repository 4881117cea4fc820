import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '@jiebang/activities';
import {
  CLOSED_CASE_STATUSES,
  caseIdOf,
  type Actor,
  type CaseDecision,
  type CaseInput,
  type CaseRejection,
  type CaseSnapshot,
  type CaseStatus,
  type CaseStepRecord,
  type DecideCaseRequest,
  type PendingStep,
  type RecordCaseStepRequest,
  type Role,
} from '@jiebang/contracts';
import {
  caseStatusQuery,
  decideCaseUpdate,
  pendingStepsQuery,
  recordCaseStepUpdate,
} from '@jiebang/contracts/temporal';
import {
  caseProcedureOf,
  deadlineAfter,
  holdsRoleFor,
  isUnitRole,
  type CaseProcedure,
  type CaseStepRule,
} from '@jiebang/domain';
import { keepGoingOnFailure, RECORDING_ACTIVITY_OPTIONS } from './activity-options';
import { RecordKeeper } from './record-keeper';
import { refuse, type Refusal } from './refusal';
import { happensBefore } from './deadlines';
import { upsertPhase } from './search-attributes';

const { notify, escalate, recordCaseEvent } = keepGoingOnFailure(
  proxyActivities<Activities>(RECORDING_ACTIVITY_OPTIONS),
);

type CaseEvent = Parameters<Activities['recordCaseEvent']>[0]['event'];

/**
 * One fired rung of the consequence ladder: the approvers decide (reminded after one
 * approval deadline, escalated to LEADERSHIP after a second), then people record the
 * outcome step by step, within the rule's `dueWithin` when it sets one. A rejection closes
 * the case; it then does not count.
 */
export async function caseWorkflow(input: CaseInput): Promise<CaseSnapshot> {
  const consequence = new ConsequenceCase(input);
  consequence.acceptHumanSteps();
  await consequence.open();
  // Side by side: a case approved late (after the escalation) still gets its outcome deadline.
  await Promise.all([consequence.chaseApproval(), consequence.chaseOutcome()]);
  await condition(() => consequence.isClosed());
  await condition(allHandlersFinished);
  return consequence.snapshot();
}

class ConsequenceCase {
  private readonly procedure: CaseProcedure;
  private readonly openedAt = new Date().toISOString();
  /** When the approvers are reminded, and when (one more approval deadline later) LEADERSHIP is told. */
  private readonly approvalDueAt: string;
  private readonly escalationAt: string;
  private status: CaseStatus;
  private readonly decisions: CaseDecision[] = [];
  private readonly steps: CaseStepRecord[] = [];
  private reminded = false;
  private escalated = false;
  private outcomeDueAt: string | null = null;
  private overdue = false;
  private closedAt: string | null = null;
  private readonly keeper: RecordKeeper;

  constructor(private readonly input: CaseInput) {
    const expectedId = caseIdOf(input.cycleId, input.unitId, input.rung, input.month);
    if (input.caseId !== expectedId)
      failInput(`Case id ${input.caseId} does not match its trigger: expected ${expectedId}`);
    this.procedure = caseProcedureOf(input.rung, input.nominatedBy);
    this.keeper = new RecordKeeper({
      kind: 'case',
      keyPrefix: `case/${input.caseId}`,
      cycleId: input.cycleId,
      unitId: input.unitId,
      subjectPath: ['cases', input.rung, `m${input.month}`],
      subjectId: input.caseId,
      month: input.month,
    });
    this.approvalDueAt = this.afterApprovalDeadline(this.openedAt);
    this.escalationAt = this.afterApprovalDeadline(this.approvalDueAt);
    // Checked now, so a malformed dueWithin fails the case at its start, not once it is approved.
    if (input.dueWithin) this.deadlineAfter(this.openedAt, input.dueWithin, 'dueWithin');
    this.status = this.currentStatus();
    this.startOutcomeClock(this.openedAt);
  }

  snapshot(): CaseSnapshot {
    return {
      caseId: this.input.caseId,
      cycleId: this.input.cycleId,
      unitId: this.input.unitId,
      rung: this.input.rung,
      month: this.input.month,
      ruleId: this.input.ruleId,
      concerns: this.input.concerns ?? { head: this.input.unitHeadId ?? null, deputy: null },
      status: this.status,
      explanation: this.input.explanation,
      approvers: [...this.input.approvers],
      pendingApprovers: this.pendingApprovers(),
      decisions: this.decisions.map((decision) => ({ ...decision })),
      steps: this.steps.map((step) => ({ ...step })),
      remainingSteps: this.remainingSteps().map((rule) => rule.step),
      openedAt: this.openedAt,
      approvalDueAt: this.input.approvers.length > 0 ? this.approvalDueAt : null,
      reminded: this.reminded,
      escalated: this.escalated,
      outcomeDueAt: this.outcomeDueAt,
      overdue: this.overdue,
      closedAt: this.closedAt,
    };
  }

  isClosed(): boolean {
    return CLOSED_CASE_STATUSES.includes(this.status);
  }

  acceptHumanSteps(): void {
    setHandler(caseStatusQuery, () => this.snapshot());
    setHandler(pendingStepsQuery, () => this.pendingSteps());
    setHandler(decideCaseUpdate, (request) => this.decide(request), {
      validator: (request) => this.validateDecision(request),
    });
    setHandler(recordCaseStepUpdate, (request) => this.recordStep(request), {
      validator: (request) => this.validateStep(request),
    });
  }

  async open(): Promise<void> {
    upsertPhase(this.status, this.input.month);
    await this.record({ kind: 'opened', note: this.input.explanation.text });
  }

  // ---- approval -----------------------------------------------------------------------------

  /** Reminds whoever holds up the approval after one deadline, and escalates to LEADERSHIP after a second. */
  async chaseApproval(): Promise<void> {
    const decided = () => !this.awaitsApproval();
    if (await happensBefore(decided, this.approvalDueAt)) return;
    await this.remindPending();
    if (await happensBefore(decided, this.escalationAt)) return;
    await this.escalateToLeadership();
  }

  private async remindPending(): Promise<void> {
    const dueAt = this.approvalDueAt;
    const waitingFor = this.status === 'preparing' ? this.nextStep()!.roles : unique(this.pendingApprovers());
    for (const role of waitingFor) {
      const what = this.status === 'preparing' ? `record ${this.nextStep()!.step}` : 'decide';
      await notify({
        ...this.keeper.notice(
          `approval/reminder/${role}`,
          dueAt,
          this.status === 'preparing' ? 'case.record' : 'case.decide',
        ),
        kind: 'reminder',
        recipientRole: role,
        subject: `${this.title()}: please ${what}; the approval was due ${dueAt}`,
      });
    }
    this.reminded = true;
    await this.record({ kind: 'reminded', note: `waiting for ${waitingFor.join(', ')}` });
  }

  private async escalateToLeadership(): Promise<void> {
    const reason = `${this.title()}: not approved by ${this.pendingApprovers().join(', ')} within two approval deadlines (${this.input.approvalDeadline} each)`;
    await escalate(this.keeper.escalation('approval/escalation', 'LEADERSHIP', reason));
    await notify({
      ...this.keeper.notice('approval/escalation/LEADERSHIP', null, 'escalation.acknowledge'),
      kind: 'escalation',
      recipientRole: 'LEADERSHIP',
      subject: reason,
    });
    this.escalated = true;
    log.info('case approval escalated to LEADERSHIP', { caseId: this.input.caseId });
    await this.record({ kind: 'escalated', note: reason });
  }

  // ---- carrying the consequence out --------------------------------------------------------

  /**
   * Once approved (at once when the rung needs no approval), the outcome is due `dueWithin`
   * later. Past that, the people of the next step are told and LEADERSHIP once; the steps can
   * still be recorded.
   */
  async chaseOutcome(): Promise<void> {
    const { dueWithin } = this.input;
    if (!dueWithin) return;
    await condition(() => this.outcomeDueAt !== null || this.isClosed());
    const dueAt = this.outcomeDueAt;
    if (dueAt === null || (await happensBefore(() => this.isClosed(), dueAt))) return;
    const next = this.nextStep()!;
    const reason = `${this.title()}: ${next.step} not recorded within ${dueWithin} of approval (due ${dueAt})`;
    for (const role of next.roles) {
      await notify({
        ...this.keeper.notice(`outcome/overdue/${role}`, dueAt, 'case.record'),
        kind: 'deadline',
        recipientRole: role,
        subject: reason,
      });
    }
    await escalate(this.keeper.escalation('outcome/escalation', 'LEADERSHIP', reason));
    this.overdue = true;
    log.info('case outcome overdue, escalated to LEADERSHIP', { caseId: this.input.caseId });
    await this.record({ kind: 'overdue', note: reason });
  }

  /** Sets when the outcome is due, the first time the case stands approved: its record then shows it. */
  private startOutcomeClock(approvedAt: string): void {
    if (this.input.dueWithin && this.status === 'in_progress' && this.outcomeDueAt === null) {
      this.outcomeDueAt = this.deadlineAfter(approvedAt, this.input.dueWithin, 'dueWithin');
    }
  }

  /** The actor is the head or deputy the case names, or acts as the head of the unit concerned. */
  private concerns(actor: Actor): boolean {
    const { head, deputy } = this.snapshot().concerns;
    const named = [this.input.unitHeadId, head, deputy].filter((person): person is string => !!person);
    return named.includes(actor.userId) || holdsRoleFor(actor, 'UNIT_HEAD', this.input.unitId);
  }

  private validateDecision({ actor, approve, reason }: DecideCaseRequest): void {
    this.assertOpen();
    if (this.input.approvers.length === 0)
      reject('CASE_NOT_AWAITING_APPROVAL', `A ${this.input.rung} case needs no approval`);
    if (!this.input.approvers.some((role) => this.holds(actor, role)))
      reject('ROLE_NOT_ALLOWED', `Only ${this.input.approvers.join(' and ')} decide on this case`);
    if (this.concerns(actor)) reject('ROLE_NOT_ALLOWED', 'A person a case is about does not decide on it');
    const earlier = this.decisions.find((decision) => decision.userId === actor.userId);
    if (earlier)
      reject(
        'APPROVER_ALREADY_DECIDED',
        `${actor.userId} already decided on this case as ${earlier.role}; the other approval needs another person`,
      );
    const pending = this.pendingApprovers();
    if (pending.length === 0) reject('CASE_NOT_AWAITING_APPROVAL', 'The case is already approved');
    if (!this.roleToDecide(actor)) {
      const later = pending.find((role) => this.holds(actor, role));
      if (later) reject('CASE_OUT_OF_ORDER', `${later} decides after ${pending[0]} has approved`);
      reject('APPROVAL_ALREADY_GIVEN', `Your role's approval is already given; waiting for ${pending.join(', ')}`);
    }
    if (this.status === 'preparing') reject('CASE_OUT_OF_ORDER', `Record ${this.nextStep()!.step} before deciding`);
    if (!approve && !reason?.trim()) reject('CASE_REASON_REQUIRED', 'A rejection needs a reason');
  }

  private async decide({ actor, approve, reason }: DecideCaseRequest): Promise<CaseSnapshot> {
    const role = this.roleToDecide(actor)!;
    const note = reason?.trim() || null;
    this.decisions.push({ role, userId: actor.userId, approve, reason: note, at: new Date().toISOString() });
    this.advance();
    await this.record({ kind: approve ? 'approved' : 'rejected', actorId: actor.userId, actorRole: role, note }, actor);
    return this.snapshot();
  }

  /** The pending approver role this actor decides for: the first they hold, or only the first of all when approval is in order. */
  private roleToDecide(actor: Actor): Role | undefined {
    const pending = this.pendingApprovers();
    const candidates = this.procedure.approvalInOrder ? pending.slice(0, 1) : pending;
    return candidates.find((role) => this.holds(actor, role));
  }

  /** Approver roles still to approve; a role listed twice needs two approvals. */
  private pendingApprovers(): Role[] {
    const given = this.decisions.filter((decision) => decision.approve).map((decision) => decision.role);
    return this.input.approvers.filter((role) => {
      const index = given.indexOf(role);
      if (index < 0) return true;
      given.splice(index, 1);
      return false;
    });
  }

  private awaitsApproval(): boolean {
    return this.status === 'preparing' || this.status === 'awaiting_approval';
  }

  private afterApprovalDeadline(start: string): string {
    return this.deadlineAfter(start, this.input.approvalDeadline, 'approvalDeadline');
  }

  private deadlineAfter(start: string, duration: string, field: 'approvalDeadline' | 'dueWithin'): string {
    try {
      return deadlineAfter(start, duration, this.input.calendar);
    } catch (error) {
      failInput(
        `Invalid ${field} ${JSON.stringify(duration)} or calendar: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  // ---- outcome steps ------------------------------------------------------------------------

  private validateStep({ actor, step, note }: RecordCaseStepRequest): void {
    this.assertOpen();
    const rule = this.procedure.steps.find((candidate) => candidate.step === step);
    if (!rule)
      reject(
        'UNKNOWN_CASE_STEP',
        `A ${this.input.rung} case has no step ${JSON.stringify(step)}; its steps are ${this.procedure.steps.map((s) => s.step).join(', ')}`,
      );
    if (!rule.roles.some((role) => this.holds(actor, role)))
      reject(
        'ROLE_NOT_ALLOWED',
        `Only ${rule.roles.join(' or ')}${rule.roles.some(isUnitRole) ? ` of unit ${this.input.unitId}` : ''} records ${step}`,
      );
    if (this.steps.some((recorded) => recorded.step === step))
      reject('CASE_OUT_OF_ORDER', `${step} is already recorded`);
    const next = this.nextStep()!;
    if (next.step !== step) reject('CASE_OUT_OF_ORDER', `Record ${next.step} before ${step}`);
    if (rule.when === 'after_approval' && this.pendingApprovers().length > 0)
      reject('CASE_OUT_OF_ORDER', `${step} comes after approval; waiting for ${this.pendingApprovers().join(', ')}`);
    if (rule.noteRequired && !note?.trim()) reject('CASE_NOTE_REQUIRED', `${step} needs a note`);
  }

  private async recordStep({ actor, step, note }: RecordCaseStepRequest): Promise<CaseSnapshot> {
    const text = note?.trim() || null;
    this.steps.push({ step, userId: actor.userId, note: text, at: new Date().toISOString() });
    this.advance();
    const role = this.procedure.steps
      .find((rule) => rule.step === step)!
      .roles.find((candidate) => this.holds(actor, candidate));
    await this.record(
      { kind: 'step_recorded', actorId: actor.userId, actorRole: role ?? null, step, note: text },
      actor,
    );
    return this.snapshot();
  }

  private remainingSteps(): CaseStepRule[] {
    return this.procedure.steps.filter((rule) => !this.steps.some((recorded) => recorded.step === rule.step));
  }

  private nextStep(): CaseStepRule | undefined {
    return this.remainingSteps()[0];
  }

  // ---- helpers ------------------------------------------------------------------------------

  private currentStatus(): CaseStatus {
    if (this.decisions.some((decision) => !decision.approve)) return 'rejected';
    if (this.pendingApprovers().length > 0)
      return this.nextStep()?.when === 'before_approval' ? 'preparing' : 'awaiting_approval';
    return this.remainingSteps().length === 0 ? 'completed' : 'in_progress';
  }

  /** Moves the status after a decision or step, before anything is awaited, so the next validator sees it. */
  private advance(): void {
    const status = this.currentStatus();
    if (status === this.status) return;
    this.status = status;
    if (this.isClosed()) this.closedAt = new Date().toISOString();
    this.startOutcomeClock(new Date().toISOString());
    upsertPhase(status, this.input.month);
  }

  private assertOpen(): void {
    if (this.isClosed()) reject('CASE_CLOSED', `The case is ${this.status} and accepts nothing more`);
  }

  private holds(actor: Actor, role: Role): boolean {
    return holdsRoleFor(actor, role, this.input.unitId);
  }

  /** Writes the event to the case's record and to the audit trail; without `actor` the workflow itself acted. */
  private async record(event: Partial<CaseEvent> & Pick<CaseEvent, 'kind'>, actor?: Actor): Promise<void> {
    const seq = this.keeper.nextSeq();
    const written: CaseEvent = {
      actorId: null,
      actorRole: null,
      step: null,
      note: null,
      at: new Date().toISOString(),
      ...event,
    };
    const snapshot = this.snapshot();
    const audit = this.keeper.audit({
      event: written.kind,
      actor,
      role: written.actorRole ?? undefined,
      note: written.note,
      change: { caseId: this.input.caseId, seq, status: snapshot.status, step: written.step },
    });
    await recordCaseEvent({ workflowId: workflowInfo().workflowId, seq, snapshot, event: written, audit });
  }

  /** Who the case waits for: the approvers (or the step before approval), then the next outcome step. */
  private pendingSteps(): PendingStep[] {
    if (this.isClosed()) return [];
    const unitId = this.input.unitId;
    if (this.status === 'awaiting_approval') {
      return unique(this.procedure.approvalInOrder ? this.pendingApprovers().slice(0, 1) : this.pendingApprovers()).map(
        (role) => ({ step: 'case.decide', role, unitId, dueAt: this.approvalDueAt }),
      );
    }
    const next = this.nextStep()!;
    const dueAt = this.status === 'preparing' ? this.approvalDueAt : this.outcomeDueAt;
    return next.roles.map((role) => ({ step: `case.${next.step}`, role, unitId, dueAt }));
  }

  private title(): string {
    return `Case ${this.input.rung} of unit ${this.input.unitId}, month ${this.input.month}`;
  }
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** A malformed input fails the case at once instead of retrying a workflow task that cannot succeed. */
function failInput(message: string): never {
  throw ApplicationFailure.nonRetryable(message, 'INVALID_CASE_INPUT');
}

/** Refuses a human step with one of this workflow's rejection codes. */
const reject: Refusal<CaseRejection> = refuse;
