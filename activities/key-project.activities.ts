import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  milestoneSlipKey,
  supervisionWorkflowId,
  unitSubject,
  type MilestoneCheck,
  type MilestoneSlipCheck,
  type SupervisionInput,
} from '@jiebang/contracts';
import { deadlineAfter, remindersBefore, type MilestoneKind } from '@jiebang/domain';
import { CycleEntity, insertedAny, KeyProjectMilestoneEntity, SupervisionItemEntity } from '@jiebang/persistence';
import { auditedWrite } from './audited-write';

export interface KeyProjectDependencies {
  dataSource: DataSource;
}

/** The slip check's request: which milestone of which project, and the words of the item it may open. */
export interface MilestoneSlipRequest extends Pick<MilestoneCheck, 'milestone' | 'month' | 'due'> {
  cycleId: string;
  projectId: string;
  projectName: string;
  unitId: string;
  leaderName: string;
}

/** Who opens a slip's supervision item: no person, the project's workflow at the close of the due month. */
export const SLIP_OPENER = 'system:key-project';

/**
 * Accountability follows the item's deadline after this long, as for an item an assessor opens
 * without saying otherwise (the supervision API's default).
 */
const SLIP_ACCOUNTABILITY_GRACE = '3d';

export function createKeyProjectActivities({ dataSource }: KeyProjectDependencies) {
  return {
    /**
     * 挂牌督战: whether the milestone was reported reached in a month up to its due month (from
     * Postgres); if not, opens its supervision item, keyed by `slip/<project>/<milestone>`, with
     * its audit row in one transaction. A retry finds the stored item and answers it unchanged,
     * so one slip opens exactly one item whatever happens to the worker.
     */
    async checkMilestoneSlip(request: MilestoneSlipRequest): Promise<MilestoneSlipCheck> {
      const { cycleId, projectId, unitId, milestone, month } = request;
      return auditedWrite<{ created: boolean; result: MilestoneSlipCheck }>(
        dataSource,
        ({ created, result }) =>
          created && result.slipped
            ? [
                {
                  action: 'supervision.opened',
                  subject: unitSubject(cycleId, unitId, 'supervision', result.item.itemId),
                  cycleId,
                  unitId,
                  reason: result.item.description,
                  change: {
                    itemId: result.item.itemId,
                    key: milestoneSlipKey(projectId, milestone),
                    title: result.item.title,
                    status: 'open',
                    deadline: result.item.deadline,
                    accountabilityAt: result.item.accountabilityAt,
                  },
                },
              ]
            : [],
        async (manager) => {
          const planned = await manager.findOneByOrFail(KeyProjectMilestoneEntity, {
            cycleId,
            projectId,
            kind: milestone,
          });
          if (planned.reachedMonth !== null && planned.reachedMonth <= month)
            return { created: false, result: { slipped: false } };
          const cycle = await manager.findOneByOrFail(CycleEntity, { id: cycleId });
          const id = slipItemIdOf(cycleId, projectId, milestone);
          const openedAt = new Date();
          const deadline = new Date(
            deadlineAfter(openedAt.toISOString(), cycle.policy.milestoneGrace, cycle.policy.calendar),
          );
          const accountabilityAt = new Date(
            deadlineAfter(deadline.toISOString(), SLIP_ACCOUNTABILITY_GRACE, cycle.policy.calendar),
          );
          const inserted = await manager
            .createQueryBuilder()
            .insert()
            .into(SupervisionItemEntity)
            .values({
              id,
              workflowId: supervisionWorkflowId(cycleId, unitId, id),
              cycleId,
              unitId,
              title: `挂牌督战: ${request.projectName} ${milestone} (${projectId})`,
              indicatorId: null,
              description: `Milestone ${milestone} of key project ${request.projectName} (${projectId}) was due on ${request.due} and is not reported reached by the close of month ${month}; leader in command: ${request.leaderName}`,
              status: 'open',
              openedBy: SLIP_OPENER,
              openedAt,
              deadline,
              accountabilityAt,
              overdue: false,
              escalationLevel: 0,
              responses: [],
              verifications: [],
              closedAt: null,
              revision: 0,
            })
            .orIgnore()
            .returning('id')
            .execute();
          const created = insertedAny(inserted);
          const stored = await manager.findOneByOrFail(SupervisionItemEntity, { id });
          return { created, result: { slipped: true, item: inputOf(stored, cycle.policy.reminderOffsets) } };
        },
      ).then(({ result }) => result);
    },
  };
}

/** A stable, slash-free item id from the slip's business key (cycle, project, milestone). */
export function slipItemIdOf(cycleId: string, projectId: string, milestone: MilestoneKind): string {
  return `slip-${createHash('sha256')
    .update(JSON.stringify([cycleId, milestoneSlipKey(projectId, milestone)]))
    .digest('hex')
    .slice(0, 16)}`;
}

/** The supervision workflow's input of a stored item; reminders at the policy's offsets before the deadline. */
function inputOf(record: SupervisionItemEntity, reminderOffsets: readonly string[]): SupervisionInput {
  return {
    itemId: record.id,
    cycleId: record.cycleId,
    unitId: record.unitId,
    title: record.title,
    description: record.description,
    openedBy: record.openedBy,
    openedAt: record.openedAt.toISOString(),
    deadline: record.deadline.toISOString(),
    reminders: remindersBefore(record.deadline.toISOString(), reminderOffsets, record.openedAt.toISOString()),
    accountabilityAt: record.accountabilityAt.toISOString(),
  };
}
