import { allHandlersFinished, condition, log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '@jiebang/activities';
import {
  type Actor,
  type AuditEntryRequest,
  type PendingStep,
  type RespondToSupervisionRequest,
  type SupervisionEscalationLevel,
  type SupervisionInput,
  type SupervisionRejection,
  type SupervisionResponse,
  type SupervisionSnapshot,
  type SupervisionStatus,
  type SupervisionVerification,
  type VerifySupervisionRequest,
} from '@jiebang/contracts';
import {
  pendingStepsQuery,
  respondToSupervisionUpdate,
  supervisionStatusQuery,
  verifySupervisionUpdate,
} from '@jiebang/contracts/temporal';
import { keepGoingOnFailure, RECORDING_ACTIVITY_OPTIONS } from './activity-options';
import { RecordKeeper } from './record-keeper';
import { refuse, type Refusal } from './refusal';
import { happensBefore } from './deadlines';
import { upsertPhase } from './search-attributes';

const { notify, escalate, recordSupervisionEvent } = keepGoingOnFailure(
  proxyActivities<Activities>(RECORDING_ACTIVITY_OPTIONS),
);

type SupervisionEvent = Parameters<Activities['recordSupervisionEvent']>[0]['event'];

/**
 * A supervision item (督办事项, 限时督办): the unit responds by the deadline, reminded before it;
 * an item still unanswered at the deadline is notified (通报) and, after the grace period, handed
 * to DISCIPLINE for accountability (问责). An assessor verifies each response and closes the
 * item (销号) or sends it back.
 */
export async function supervisionWorkflow(input: SupervisionInput): Promise<SupervisionSnapshot> {
  const item = new SupervisionItem(input);
  item.acceptHumanSteps();
  await item.open();
  await item.superviseDeadline();
  await condition(() => item.isClosed());
  await condition(allHandlersFinished);
  return item.snapshot();
}

class SupervisionItem {
  private status: SupervisionStatus = 'open';
  private overdue = false;
  private escalationLevel: SupervisionEscalationLevel = 0;
  private readonly responses: SupervisionResponse[] = [];
  private readonly verifications: SupervisionVerification[] = [];
  private closedAt: string | null = null;
  private readonly keeper: RecordKeeper;

  constructor(private readonly input: SupervisionInput) {
    this.keeper = new RecordKeeper({
      kind: 'supervision',
      keyPrefix: `supervision/${input.itemId}`,
      cycleId: input.cycleId,
      unitId: input.unitId,
      subjectPath: ['supervision', input.itemId],
      subjectId: input.itemId,
    });
  }

  snapshot(): SupervisionSnapshot {
    const { itemId, cycleId, unitId, title, description, openedBy, openedAt, deadline, accountabilityAt } = this.input;
    return {
      itemId,
      cycleId,
      unitId,
      title,
      description,
      status: this.status,
      openedBy,
      openedAt,
      deadline,
      accountabilityAt,
      overdue: this.overdue,
      escalationLevel: this.escalationLevel,
      responses: this.responses.map((response) => ({ ...response })),
      verifications: this.verifications.map((verification) => ({ ...verification })),
      closedAt: this.closedAt,
    };
  }

  isClosed(): boolean {
    return this.status === 'closed';
  }

  acceptHumanSteps(): void {
    setHandler(supervisionStatusQuery, () => this.snapshot());
    setHandler(pendingStepsQuery, () => this.pendingSteps());
    setHandler(respondToSupervisionUpdate, (request) => this.respond(request), {
      validator: (request) => this.validateResponse(request),
    });
    setHandler(verifySupervisionUpdate, (request) => this.verify(request), {
      validator: (request) => this.validateVerification(request),
    });
  }

  async open(): Promise<void> {
    upsertPhase(this.status);
    // The API audited the opening together with the item's row (the assessor and their request).
    await this.write({ kind: 'opened', actorId: this.input.openedBy, note: this.input.description });
  }

  // ---- the deadline -------------------------------------------------------------------------

  /** Reminders before the deadline, then the two escalation levels, each only while the unit owes an answer. */
  async superviseDeadline(): Promise<void> {
    for (const remindAt of this.input.reminders) {
      if (!(await this.owesAnswerAt(remindAt))) return;
      // An item sent back after its deadline is overdue: the escalation below speaks for it.
      if (Date.now() >= Date.parse(this.input.deadline)) break;
      await this.remind(remindAt);
    }
    if (!(await this.owesAnswerAt(this.input.deadline))) return;
    await this.notifyOverdue();
    if (!(await this.owesAnswerAt(this.input.accountabilityAt))) return;
    await this.holdAccountable();
  }

  /**
   * Resolves true once `instant` has come while the unit owes an answer, and false if the item
   * closes first. While a response waits for verification the clock is not the unit's; if it is
   * sent back, the unit owes an answer again and the wait resumes.
   */
  private async owesAnswerAt(instant: string): Promise<boolean> {
    for (;;) {
      if (this.isClosed()) return false;
      if (this.owesAnswer()) {
        if (!(await happensBefore(() => !this.owesAnswer(), instant))) return true;
      } else {
        await condition(() => this.owesAnswer() || this.isClosed());
      }
    }
  }

  private async remind(at: string): Promise<void> {
    await notify({
      ...this.keeper.notice(`reminder/${at}`, this.input.deadline, 'supervision.respond'),
      kind: 'reminder',
      recipientRole: 'UNIT_HEAD',
      subject: `Supervision item "${this.input.title}": respond by ${this.input.deadline}`,
    });
    await this.record({ kind: 'reminded', note: `due ${this.input.deadline}` });
  }

  /** Level 1, 通报: the unit is told it is late, assessors and leadership are notified. */
  private async notifyOverdue(): Promise<void> {
    const reason = `Supervision item "${this.input.title}" of unit ${this.input.unitId} unanswered at its deadline ${this.input.deadline} (通报)`;
    this.overdue = true;
    this.escalationLevel = 1;
    await escalate(this.keeper.escalation('overdue', 'LEADERSHIP', reason));
    await notify({
      ...this.keeper.notice('overdue/UNIT_HEAD', this.input.deadline, 'supervision.respond'),
      kind: 'deadline',
      recipientRole: 'UNIT_HEAD',
      subject: reason,
    });
    for (const role of ['ASSESSOR', 'LEADERSHIP'] as const) {
      await notify({
        ...this.keeper.notice(
          `overdue/${role}`,
          this.input.deadline,
          role === 'LEADERSHIP' ? 'escalation.acknowledge' : undefined,
        ),
        kind: 'escalation',
        recipientRole: role,
        subject: reason,
      });
    }
    log.info('supervision item overdue', { itemId: this.input.itemId });
    await this.record({ kind: 'overdue', note: reason });
  }

  /** Level 2, 问责: still unanswered after the grace period, the item goes to DISCIPLINE. */
  private async holdAccountable(): Promise<void> {
    const reason = `Supervision item "${this.input.title}" of unit ${this.input.unitId} still unanswered at ${this.input.accountabilityAt}, past its deadline ${this.input.deadline} (问责)`;
    this.escalationLevel = 2;
    await escalate(this.keeper.escalation('accountability', 'DISCIPLINE', reason));
    await notify({
      ...this.keeper.notice('accountability/DISCIPLINE', this.input.accountabilityAt, 'escalation.acknowledge'),
      kind: 'escalation',
      recipientRole: 'DISCIPLINE',
      subject: reason,
    });
    log.info('supervision item handed to DISCIPLINE', { itemId: this.input.itemId });
    await this.record({ kind: 'accountability', note: reason });
  }

  private owesAnswer(): boolean {
    return this.status === 'open' || this.status === 'returned';
  }

  // ---- human steps --------------------------------------------------------------------------

  private validateResponse({ text }: RespondToSupervisionRequest): void {
    this.assertOpen();
    if (!this.owesAnswer()) reject('SUPERVISION_NOT_AWAITING_RESPONSE', 'The response is waiting for verification');
    if (!text?.trim()) reject('SUPERVISION_TEXT_REQUIRED', 'Say what was done');
  }

  private async respond({ actor, text }: RespondToSupervisionRequest): Promise<SupervisionSnapshot> {
    this.responses.push({ userId: actor.userId, text: text.trim(), at: new Date().toISOString() });
    this.enter('responded');
    await this.record({ kind: 'responded', actorId: actor.userId, note: text.trim() }, actor);
    return this.snapshot();
  }

  private validateVerification({ accept, comment }: VerifySupervisionRequest): void {
    this.assertOpen();
    if (this.status !== 'responded')
      reject('SUPERVISION_NOT_RESPONDED', `The item is ${this.status}: there is no response to verify`);
    if (!accept && !comment?.trim())
      reject('SUPERVISION_TEXT_REQUIRED', 'Sending an item back needs a comment saying what is missing');
  }

  private async verify({ actor, accept, comment }: VerifySupervisionRequest): Promise<SupervisionSnapshot> {
    const note = comment?.trim() || null;
    const at = new Date().toISOString();
    this.verifications.push({ userId: actor.userId, accept, comment: note, at });
    if (accept) this.closedAt = at;
    this.enter(accept ? 'closed' : 'returned');
    await this.record({ kind: accept ? 'closed' : 'sent_back', actorId: actor.userId, note }, actor);
    return this.snapshot();
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** Changes the status before anything is awaited, so the next validator sees it. */
  private enter(status: SupervisionStatus): void {
    this.status = status;
    upsertPhase(status);
  }

  private assertOpen(): void {
    if (this.isClosed())
      reject('SUPERVISION_CLOSED', `The item was closed at ${this.closedAt} and accepts nothing more`);
  }

  /** Writes the event to the item's record and to the audit trail; without `actor` the workflow itself acted. */
  private async record(
    event: Partial<SupervisionEvent> & Pick<SupervisionEvent, 'kind'>,
    actor?: Actor,
  ): Promise<void> {
    await this.write(event, (written, snapshot, seq) =>
      this.keeper.audit({
        event: written.kind,
        actor,
        note: written.note,
        change: { itemId: this.input.itemId, seq, status: snapshot.status, escalationLevel: snapshot.escalationLevel },
      }),
    );
  }

  /** Writes the event to the item's record (its read model), with its audit row when `auditOf` gives one. */
  private async write(
    event: Partial<SupervisionEvent> & Pick<SupervisionEvent, 'kind'>,
    auditOf?: (written: SupervisionEvent, snapshot: SupervisionSnapshot, seq: number) => AuditEntryRequest,
  ): Promise<void> {
    const seq = this.keeper.nextSeq();
    const written: SupervisionEvent = { actorId: null, note: null, at: new Date().toISOString(), ...event };
    const snapshot = this.snapshot();
    await recordSupervisionEvent({
      workflowId: workflowInfo().workflowId,
      seq,
      snapshot,
      event: written,
      audit: auditOf?.(written, snapshot, seq),
    });
  }

  /** Who the item waits for: the unit's answer by the deadline, or an assessor's verification. */
  private pendingSteps(): PendingStep[] {
    const unitId = this.input.unitId;
    if (this.owesAnswer())
      return (['UNIT_HEAD', 'UNIT_REPORTER'] as const).map((role) => ({
        step: 'supervision.respond',
        role,
        unitId,
        dueAt: this.input.deadline,
      }));
    if (this.status === 'responded') return [{ step: 'supervision.verify', role: 'ASSESSOR', unitId, dueAt: null }];
    return [];
  }
}

/** Refuses a human step with one of this workflow's rejection codes. */
const reject: Refusal<SupervisionRejection> = refuse;
