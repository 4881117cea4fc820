import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, proxyActivities, startChild } from '@temporalio/workflow';
import type { Activities } from '@jiebang/activities';
import {
  milestoneSlipKey,
  supervisionWorkflowId,
  type KeyProjectInput,
  type MilestoneCheck,
  type SupervisionInput,
} from '@jiebang/contracts';
import { CYCLE_ID, PHASE, UNIT_ID } from '@jiebang/contracts/temporal';
import { keepGoingOnFailure, RECORDING_ACTIVITY_OPTIONS } from './activity-options';
import { sleepUntil } from './deadlines';
import { upsertPhase } from './search-attributes';
import { supervisionWorkflow } from './supervision.workflow';

const { checkMilestoneSlip } = proxyActivities<Activities>(RECORDING_ACTIVITY_OPTIONS);
const { notify } = keepGoingOnFailure(proxyActivities<Activities>(RECORDING_ACTIVITY_OPTIONS));

/** What a project's year came to: the milestones that slipped, each with its supervision item. */
export interface KeyProjectSummary {
  projectId: string;
  slipped: Array<{ milestone: MilestoneCheck['milestone']; itemId: string }>;
}

/**
 * A key project's milestones under watch (挂牌督战): a durable timer per milestone, at the close
 * of its due month's progress; then the database says whether a month up to the due month
 * reported it reached. A slipped milestone opens one supervision item against the owner unit
 * (the item's own workflow runs its deadline, reminders, verification and 销号), and the leader in
 * command and the unit are told. The item's key makes a retried check find the same item.
 */
export async function keyProjectWorkflow(input: KeyProjectInput): Promise<KeyProjectSummary> {
  const checks = [...input.checks].sort((a, b) => Date.parse(a.checkAt) - Date.parse(b.checkAt));
  const slipped: KeyProjectSummary['slipped'] = [];
  upsertPhase('watching');
  for (const check of checks) {
    await sleepUntil(check.checkAt);
    const found = await checkMilestoneSlip({
      cycleId: input.cycleId,
      projectId: input.projectId,
      projectName: input.projectName,
      unitId: input.unitId,
      leaderName: input.leaderName,
      milestone: check.milestone,
      month: check.month,
      due: check.due,
    });
    if (!found.slipped) continue;
    await startItem(found.item);
    await tellOfSlip(input, check, found.item);
    slipped.push({ milestone: check.milestone, itemId: found.item.itemId });
  }
  upsertPhase('done');
  return { projectId: input.projectId, slipped };
}

/** The item's workflow, a child left running when the project's workflow ends; its id comes from the item's. */
async function startItem(item: SupervisionInput): Promise<void> {
  try {
    await startChild(supervisionWorkflow, {
      workflowId: supervisionWorkflowId(item.cycleId, item.unitId, item.itemId),
      args: [item],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      typedSearchAttributes: [
        { key: CYCLE_ID, value: item.cycleId },
        { key: UNIT_ID, value: item.unitId },
        { key: PHASE, value: 'open' },
      ],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/** The leader in command (LEADERSHIP, named in the notice) and the owner unit's head are told of the slip. */
async function tellOfSlip(input: KeyProjectInput, check: MilestoneCheck, item: SupervisionInput): Promise<void> {
  const key = `${input.cycleId}/${milestoneSlipKey(input.projectId, check.milestone)}`;
  const subject = `挂牌督战: milestone ${check.milestone} of key project ${input.projectName} (unit ${input.unitId}) was due on ${check.due} and has slipped; the unit answers by ${item.deadline}`;
  await notify({
    key: `${key}/leader`,
    cycleId: input.cycleId,
    unitId: input.unitId,
    kind: 'escalation',
    recipientRole: 'LEADERSHIP',
    subject: `${input.leaderName}: ${subject}`,
    dueAt: item.deadline,
    subjectId: item.itemId,
  });
  await notify({
    key: `${key}/unit`,
    cycleId: input.cycleId,
    unitId: input.unitId,
    kind: 'deadline',
    recipientRole: 'UNIT_HEAD',
    subject,
    dueAt: item.deadline,
    step: 'supervision.respond',
    subjectId: item.itemId,
  });
}
