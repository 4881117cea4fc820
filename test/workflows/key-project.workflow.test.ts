import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  keyProjectWorkflowId,
  supervisionWorkflowId,
  type KeyProjectInput,
  type MilestoneSlipCheck,
  type SupervisionInput,
} from '@jiebang/contracts';
import { supervisionStatusQuery } from '@jiebang/contracts/temporal';
import { keyProjectWorkflow } from '../../workflows';
import { startWorkflowTestbed, type WorkflowTestbed } from '../support/workflow-testbed';

const TASK_QUEUE = 'key-project-branches';

/** The milestones the stand-in for Postgres says were not reached in time. */
const NOT_REACHED = new Set(['land']);

const at = (ms: number) => new Date(Date.now() + ms).toISOString();

/** Projects whose first slip check dies, as on a worker that crashed after the item's commit. */
const CRASHING = new Set(['p-crash']);
const crashed = new Set<string>();

/** What the slip check answers: a slipped milestone's item (as the activity would store it), or nothing. */
function slipAnswer(request: Record<string, unknown>): MilestoneSlipCheck {
  const project = request.projectId as string;
  if (CRASHING.has(project) && !crashed.has(project)) {
    crashed.add(project);
    throw new Error('the worker went away before the activity completed');
  }
  if (!NOT_REACHED.has(request.milestone as string)) return { slipped: false };
  const item: SupervisionInput = {
    itemId: `slip-${request.projectId as string}-${request.milestone as string}`,
    cycleId: request.cycleId as string,
    unitId: request.unitId as string,
    title: `挂牌督战 ${request.milestone as string}`,
    description: 'slipped',
    openedBy: 'system:key-project',
    openedAt: at(0),
    deadline: at(3_600_000),
    reminders: [],
    accountabilityAt: at(7_200_000),
  };
  return { slipped: true, item };
}

describe('keyProjectWorkflow (挂牌督战), with activities that only take note', () => {
  let testbed: WorkflowTestbed;

  beforeAll(async () => {
    testbed = await startWorkflowTestbed(TASK_QUEUE, { checkMilestoneSlip: slipAnswer });
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  it('checks each milestone at its timer and opens one supervision item for the slipped one only, telling the leader', async () => {
    const input: KeyProjectInput = {
      cycleId: 'kp-branches',
      projectId: 'p-park',
      projectName: '智能制造产业园',
      unitId: 'u03',
      leaderId: 'l-li',
      leaderName: '李明',
      checks: [
        // Listed out of order: the workflow waits for them in time order.
        { milestone: 'land', month: 4, due: '2026-04-30', checkAt: at(900) },
        { milestone: 'signed', month: 2, due: '2026-02-28', checkAt: at(400) },
      ],
    };
    const summary = await testbed.env.client.workflow.execute(keyProjectWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: keyProjectWorkflowId(input.cycleId, input.projectId),
      args: [input],
    });

    expect(summary).toEqual({ projectId: 'p-park', slipped: [{ milestone: 'land', itemId: 'slip-p-park-land' }] });
    const checks = testbed.calls.filter((call) => call.name === 'checkMilestoneSlip');
    expect(checks.map((call) => call.request.milestone)).toEqual(['signed', 'land']);
    expect(checks[0]!.at).toBeGreaterThanOrEqual(Date.parse(input.checks[1]!.checkAt));
    expect(checks[1]!.at).toBeGreaterThanOrEqual(Date.parse(input.checks[0]!.checkAt));

    // The reached milestone opened nothing; the slipped one runs as a supervision item of the owner unit.
    const item = testbed.env.client.workflow.getHandle(supervisionWorkflowId('kp-branches', 'u03', 'slip-p-park-land'));
    expect(await item.query(supervisionStatusQuery)).toMatchObject({ unitId: 'u03', status: 'open' });
    const signedItem = testbed.env.client.workflow.getHandle(
      supervisionWorkflowId('kp-branches', 'u03', 'slip-p-park-signed'),
    );
    await expect(signedItem.describe()).rejects.toThrow();

    const notices = testbed.calls.filter((call) => call.name === 'notify' && call.request.cycleId === 'kp-branches');
    const slipNotices = notices.filter((call) => String(call.request.key).startsWith('kp-branches/slip/'));
    expect(slipNotices.map((call) => [call.request.recipientRole, call.request.subjectId])).toEqual([
      ['LEADERSHIP', 'slip-p-park-land'],
      ['UNIT_HEAD', 'slip-p-park-land'],
    ]);
    expect(String(slipNotices[0]!.request.subject)).toContain('李明');
    await item.terminate('test over');
  });

  it('starting the same project twice runs one workflow (the id comes from cycle and project)', async () => {
    const input: KeyProjectInput = {
      cycleId: 'kp-twice',
      projectId: 'p-road',
      projectName: '快速路',
      unitId: 'u04',
      leaderId: 'l-wang',
      leaderName: '王芳',
      checks: [{ milestone: 'signed', month: 1, due: '2026-01-31', checkAt: at(3_600_000) }],
    };
    const options = {
      taskQueue: TASK_QUEUE,
      workflowId: keyProjectWorkflowId(input.cycleId, input.projectId),
      args: [input] as [KeyProjectInput],
    };
    const first = await testbed.env.client.workflow.start(keyProjectWorkflow, options);
    await expect(testbed.env.client.workflow.start(keyProjectWorkflow, options)).rejects.toThrow(/already started/i);
    await first.terminate('test over');
  });

  it('opens the slipped milestone’s item once when its check is run again after a crash', async () => {
    const input: KeyProjectInput = {
      cycleId: 'kp-crash',
      projectId: 'p-crash',
      projectName: '物流园',
      unitId: 'u05',
      leaderId: 'l-li',
      leaderName: '李明',
      checks: [{ milestone: 'land', month: 3, due: '2026-03-31', checkAt: at(300) }],
    };
    const summary = await testbed.env.client.workflow.execute(keyProjectWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: keyProjectWorkflowId(input.cycleId, input.projectId),
      args: [input],
    });

    expect(summary.slipped).toEqual([{ milestone: 'land', itemId: 'slip-p-crash-land' }]);
    const checks = testbed.calls.filter(
      (call) => call.name === 'checkMilestoneSlip' && call.request.cycleId === 'kp-crash',
    );
    expect(checks).toHaveLength(2);
    const leaderNotices = testbed.calls.filter(
      (call) => call.name === 'notify' && call.request.key === 'kp-crash/slip/p-crash/land/leader',
    );
    expect(leaderNotices).toHaveLength(1);
    const item = testbed.env.client.workflow.getHandle(supervisionWorkflowId('kp-crash', 'u05', 'slip-p-crash-land'));
    expect((await item.describe()).status.name).toBe('RUNNING');
    await item.terminate('test over');
  });
});
