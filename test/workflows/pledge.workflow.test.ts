import { WorkflowUpdateFailedError } from '@temporalio/client';
import { type ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitCycleWorkflowId, type Actor, type UnitCycleInput } from '@jiebang/contracts';
import { signPledgeUpdate, unitStatusQuery } from '@jiebang/contracts/temporal';
import { unitCycleWorkflow } from '../../workflows';
import { eventually } from '../support/jiebang';
import { startWorkflowTestbed, type ActivityCall, type WorkflowTestbed } from '../support/workflow-testbed';

const TASK_QUEUE = 'pledge-branches';

describe('the pledge branches of unitCycleWorkflow, with activities that only take note', () => {
  let testbed: WorkflowTestbed;

  beforeAll(async () => {
    testbed = await startWorkflowTestbed(TASK_QUEUE);
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  const headOf = (unitId: string): Actor => ({ userId: `head-${unitId}`, roles: ['UNIT_HEAD'], unitId });
  const at = (start: number, ms: number) => new Date(start + ms).toISOString();
  const callsOf = (unitId: string, ...names: Array<ActivityCall['name']>) =>
    testbed.calls.filter((call) => call.request.unitId === unitId && names.includes(call.name));

  /** A unit's year whose pledge is due `deadlineMs` from now; `months` keeps it running after the pledge. */
  function start(unitId: string, deadlineMs: number, reminderMs: number[], months: UnitCycleInput['months'] = []) {
    const now = Date.now();
    const input: UnitCycleInput = {
      cycleId: 'branches',
      unitId,
      reportedIndicatorIds: [],
      ratedIndicatorIds: [],
      pledgeDeadline: at(now, deadlineMs),
      pledgeReminders: reminderMs.map((ms) => at(now, ms)),
      months,
      resubmitWindowMs: 1_000,
      reviewWindowMs: 1_000,
      reminderOffsets: [],
      headConfirmation: true,
    };
    const handle = testbed.env.client.workflow.start(unitCycleWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: unitCycleWorkflowId(input.cycleId, unitId),
      args: [input],
    });
    return { input, handle };
  }

  /** A month far enough away that the unit's year keeps running while a test works. */
  const farMonth = () => ({
    month: 1,
    opensAt: at(Date.now(), 3_600_000),
    dueAt: at(Date.now(), 7_200_000),
    reminders: [],
    reviewDueAt: at(Date.now(), 10_800_000),
  });

  it('reminds at each reminder instant, then tells the head and escalates to ORG_DEPT once the deadline passes unsigned', async () => {
    // The pledge shields nothing: the year runs on without the signature, so a month keeps it open here.
    const { input, handle } = start('u-late', 900, [300, 600], [farMonth()]);
    const workflow = await handle;
    try {
      const escalations = await eventually(async () => {
        const found = callsOf('u-late', 'escalate');
        return found.length > 0 && callsOf('u-late', 'notify').length === 4 ? found : undefined;
      });
      const notices = callsOf('u-late', 'notify');
      // The head is reminded twice and told of the deadline; ORG_DEPT is told of the escalation.
      expect(notices.map((call) => call.request.kind)).toEqual(['reminder', 'reminder', 'deadline', 'escalation']);
      expect(notices.map((call) => call.request.recipientRole)).toEqual([
        'UNIT_HEAD',
        'UNIT_HEAD',
        'UNIT_HEAD',
        'ORG_DEPT',
      ]);
      const due = [...input.pledgeReminders, input.pledgeDeadline, input.pledgeDeadline].map(Date.parse);
      notices.forEach((call, index) => expect(call.at).toBeGreaterThanOrEqual(due[index]!));
      expect(new Set(notices.map((call) => call.request.key)).size).toBe(4);
      expect(escalations.map((call) => call.request.addressedTo)).toEqual(['ORG_DEPT']);

      // A late signature still counts, and says it was late.
      const signed = await workflow.executeUpdate(signPledgeUpdate, { args: [{ actor: headOf('u-late') }] });
      expect(signed.late).toBe(true);
      const status = await workflow.query(unitStatusQuery);
      expect(status.pledge).toMatchObject({ signed: true, late: true, escalated: true });
      expect(callsOf('u-late', 'notify', 'escalate')).toHaveLength(5);
    } finally {
      await workflow.terminate('test over');
    }
  });

  it('sends nothing to a unit whose head signs before the first reminder, and refuses a second signature', async () => {
    const { handle } = start('u-early', 1_500, [1_000], [farMonth()]);
    const workflow = await handle;
    try {
      const signed = await workflow.executeUpdate(signPledgeUpdate, { args: [{ actor: headOf('u-early') }] });
      expect(signed.late).toBe(false);

      const twice = await workflow
        .executeUpdate(signPledgeUpdate, { args: [{ actor: headOf('u-early') }] })
        .catch((error: unknown) => error);
      expect(twice).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(((twice as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('PLEDGE_ALREADY_SIGNED');

      // Past the deadline and its reminder, nothing was sent.
      await new Promise((done) => setTimeout(done, 1_700));
      expect(callsOf('u-early', 'notify', 'escalate')).toEqual([]);
      expect(callsOf('u-early', 'recordPledge')).toHaveLength(1);
    } finally {
      await workflow.terminate('test over');
    }
  });
});
