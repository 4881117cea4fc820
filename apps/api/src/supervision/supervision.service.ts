import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { createHash } from 'node:crypto';
import {
  supervisionWorkflowId,
  unitSubject,
  type Actor,
  type SupervisionInput,
  type SupervisionSnapshot,
} from '@jiebang/contracts';
import {
  CYCLE_ID,
  PHASE,
  UNIT_ID,
  respondToSupervisionUpdate,
  supervisionStatusQuery,
  verifySupervisionUpdate,
} from '@jiebang/contracts/temporal';
import { deadlineAfter, remindersBefore } from '@jiebang/domain';
import {
  AccountRepository,
  CycleRepository,
  SupervisionItemRepository,
  type CycleEntity,
  type SupervisionEventEntity,
  type SupervisionItemEntity,
} from '@jiebang/persistence';
import { supervisionWorkflow } from '@jiebang/workflows';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { requireUnitRole } from '../common/actor';
import { visibleUnitFilter } from '../common/unit-scope';
import { toApiException } from '../common/workflow-errors';
import { WorkflowRecords } from '../common/workflow-record';
import { requireSeparationOfDuties } from '../common/separation-of-duties';
import { TEMPORAL_TASK_QUEUE } from '../temporal/temporal.module';
import type {
  ListSupervisionItemsQuery,
  OpenSupervisionItemBody,
  RespondToSupervisionItemBody,
  VerifySupervisionItemBody,
} from '@jiebang/contracts/http/supervision';
import {
  toSupervisionEventView,
  toSupervisionItemView,
  type OpenSupervisionItemResult,
  type SupervisionItemDetailView,
  type SupervisionItemView,
} from './supervision.dto';

/** How long past its deadline an unanswered item waits before accountability (问责), unless the opener says otherwise. */
const DEFAULT_ACCOUNTABILITY_GRACE = '3d';

/** Supervision items (督办事项): opened here, then run and recorded by one workflow each. */
@Injectable()
export class SupervisionService {
  private readonly workflows: WorkflowRecords<SupervisionItemEntity, SupervisionEventEntity>;

  constructor(
    @Inject(SupervisionItemRepository) private readonly items: SupervisionItemRepository,
    @Inject(CycleRepository) private readonly cycles: CycleRepository,
    @Inject(Client) private readonly client: Client,
    @Inject(TEMPORAL_TASK_QUEUE) private readonly taskQueue: string,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(AccountRepository) private readonly accounts: AccountRepository,
  ) {
    this.workflows = new WorkflowRecords(client, {
      findById: (id) => items.findById(id),
      eventsOf: (id) => items.eventsOf(id),
      // Item ids are a digest of cycle, unit and title: another unit's item answers as an absent
      // one, or a different answer would confirm a guessed title.
      notFound: (id) => new ApiException('SUPERVISION_ITEM_NOT_FOUND', `No supervision item ${id}`),
      nameOf: (record) => `Supervision item ${record.id}`,
      isClosed: (record) => record.status === 'closed',
      closedError: (record) =>
        new ApiException('SUPERVISION_CLOSED', `Supervision item ${record.id} is closed and accepts nothing more`),
    });
  }

  /**
   * Opens an item and starts its workflow. The id comes from (cycle, unit, title), so re-posting
   * the same item finds it and starts nothing new; the same title with other content is a conflict.
   * The item and its audit row (the assessor, their request) commit together.
   */
  async open(actor: Actor, body: OpenSupervisionItemBody): Promise<OpenSupervisionItemResult> {
    const cycle = await this.findCycleOfUnit(body.cycleId, body.unitId);
    if (body.indicatorId) await this.assertConcernsIndicator(body.cycleId, body.unitId, body.indicatorId);
    const openedAt = new Date();
    const deadline = new Date(body.deadline);
    if (deadline <= openedAt)
      throw new ApiException('VALIDATION_FAILED', `The deadline ${body.deadline} has already passed`, [
        { path: 'deadline', message: 'must lie in the future' },
      ]);
    const latest = latestSupervisionDeadline(cycle.periods);
    if (deadline > latest)
      throw new ApiException('VALIDATION_FAILED', `The deadline ${body.deadline} lies past ${latest.toISOString()}`, [
        { path: 'deadline', message: 'must lie within the cycle or the year after it' },
      ]);
    // The assessor's deadline is taken as chosen; a grace counted in days skips weekends and holidays.
    const accountabilityAt = new Date(
      deadlineAfter(
        deadline.toISOString(),
        body.accountabilityGrace ?? DEFAULT_ACCOUNTABILITY_GRACE,
        cycle.policy.calendar,
      ),
    );
    const id = supervisionItemIdOf(body.cycleId, body.unitId, body.title);
    const workflowId = supervisionWorkflowId(body.cycleId, body.unitId, id);
    const { created, record } = await this.items.insertIfAbsent(
      {
        id,
        workflowId,
        cycleId: body.cycleId,
        unitId: body.unitId,
        title: body.title,
        indicatorId: body.indicatorId ?? null,
        description: body.description,
        status: 'open',
        openedBy: actor.userId,
        openedAt,
        deadline,
        accountabilityAt,
        overdue: false,
        escalationLevel: 0,
        responses: [],
        verifications: [],
        closedAt: null,
        revision: 0,
      },
      (manager) =>
        this.audit.record(
          {
            actor,
            role: 'ASSESSOR',
            action: 'supervision.opened',
            subject: unitSubject(body.cycleId, body.unitId, 'supervision', id),
            cycleId: body.cycleId,
            unitId: body.unitId,
            reason: body.description,
            workflowId,
            change: {
              itemId: id,
              title: body.title,
              status: 'open',
              deadline: deadline.toISOString(),
              accountabilityAt: accountabilityAt.toISOString(),
            },
          },
          manager,
        ),
    );
    if (
      !created &&
      (record.description !== body.description ||
        record.deadline.getTime() !== deadline.getTime() ||
        record.accountabilityAt.getTime() !== accountabilityAt.getTime())
    ) {
      throw new ApiException(
        'SUPERVISION_ITEM_CONFLICT',
        `Unit ${body.unitId} already has an item titled "${body.title}" with other content; give the new item its own title`,
        { existingId: id },
      );
    }
    // Started from the stored row, so a retry after a crash starts exactly the item first stored.
    await this.start(inputOf(record, cycle.policy.reminderOffsets));
    return { created, item: toSupervisionItemView(record) };
  }

  async list(actor: Actor, query: ListSupervisionItemsQuery): Promise<SupervisionItemView[]> {
    const records = await this.items.list({
      cycleId: query.cycleId,
      unitId: visibleUnitFilter(actor, query.unitId),
      status: query.status,
    });
    return records.map(toSupervisionItemView);
  }

  async get(actor: Actor, id: string): Promise<SupervisionItemDetailView> {
    const { record, events, live } = await this.workflows.detail(actor, id, supervisionStatusQuery);
    // People are shown by name: the record keeps their account ids.
    const names = await this.accounts.displayNamesOf(events.flatMap((event) => event.actorId ?? []));
    return {
      ...toSupervisionItemView(record),
      events: events.map((event) => toSupervisionEventView(event, names)),
      live,
    };
  }

  respond(actor: Actor, id: string, body: RespondToSupervisionItemBody): Promise<SupervisionSnapshot> {
    return this.workflows.send(
      actor,
      id,
      (handle) => handle.executeUpdate(respondToSupervisionUpdate, { args: [{ actor, text: body.text }] }),
      (record) => requireUnitRole(actor, ['UNIT_HEAD', 'UNIT_REPORTER'], record.unitId),
    );
  }

  verify(actor: Actor, id: string, body: VerifySupervisionItemBody): Promise<SupervisionSnapshot> {
    return this.workflows.send(
      actor,
      id,
      (handle) => handle.executeUpdate(verifySupervisionUpdate, { args: [{ actor, ...body }] }),
      (record) => requireSeparationOfDuties(actor, 'supervision verification', record),
    );
  }

  private async start(input: SupervisionInput): Promise<void> {
    try {
      await this.client.workflow.start(supervisionWorkflow, {
        taskQueue: this.taskQueue,
        workflowId: supervisionWorkflowId(input.cycleId, input.unitId, input.itemId),
        args: [input],
        typedSearchAttributes: [
          { key: CYCLE_ID, value: input.cycleId },
          { key: UNIT_ID, value: input.unitId },
          { key: PHASE, value: 'open' },
        ],
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return;
      throw toApiException(error, `Supervision item ${input.itemId}`);
    }
  }

  /** An item about an indicator goes to its lead unit (牵头) or one of its cooperating units (配合). */
  private async assertConcernsIndicator(cycleId: string, unitId: string, indicatorId: string): Promise<void> {
    const indicator = await this.cycles.findIndicator(cycleId, indicatorId);
    if (!indicator)
      throw new ApiException('VALIDATION_FAILED', `No indicator ${indicatorId} in cycle ${cycleId}`, [
        { path: 'indicatorId', message: 'unknown indicator' },
      ]);
    if (indicator.unitId !== unitId && !(indicator.cooperating ?? []).includes(unitId))
      throw new ApiException(
        'VALIDATION_FAILED',
        `Unit ${unitId} neither leads nor cooperates on indicator ${indicatorId} (lead ${indicator.unitId}; cooperating: ${(indicator.cooperating ?? []).join(', ') || 'none'})`,
        [{ path: 'unitId', message: 'not the lead or a cooperating unit of the indicator' }],
      );
  }

  private async findCycleOfUnit(cycleId: string, unitId: string): Promise<CycleEntity> {
    const cycle = await this.cycles.findById(cycleId);
    if (!cycle) throw new ApiException('CYCLE_NOT_FOUND', `No cycle ${cycleId}`, undefined, { cycle: cycleId });
    if (!(await this.cycles.hasUnit(cycleId, unitId)))
      throw new ApiException('UNIT_NOT_FOUND', `No unit ${unitId} in cycle ${cycleId}`, undefined, {
        unit: unitId,
        cycle: cycleId,
      });
    return cycle;
  }
}

/** A stable, slash-free id from the item's business key. */
function supervisionItemIdOf(cycleId: string, unitId: string, title: string): string {
  return `sv-${createHash('sha256')
    .update(JSON.stringify([cycleId, unitId, title]))
    .digest('hex')
    .slice(0, 16)}`;
}

/** The workflow input of a stored item; reminders at the policy's offsets before the deadline, none before opening. */
function inputOf(record: SupervisionItemEntity, reminderOffsets: readonly string[]): SupervisionInput {
  const reminders = remindersBefore(record.deadline.toISOString(), reminderOffsets, record.openedAt.toISOString());
  return {
    itemId: record.id,
    cycleId: record.cycleId,
    unitId: record.unitId,
    title: record.title,
    description: record.description,
    openedBy: record.openedBy,
    openedAt: record.openedAt.toISOString(),
    deadline: record.deadline.toISOString(),
    reminders,
    accountabilityAt: record.accountabilityAt.toISOString(),
  };
}

/** An item may be carried into the year after its cycle, no further. */
const CARRY_OVER_MS = 366 * 86_400_000;

function latestSupervisionDeadline(periods: ReadonlyArray<{ end: string }>): Date {
  const end = Math.max(...periods.map((period) => Date.parse(period.end)));
  return new Date(end + CARRY_OVER_MS);
}
