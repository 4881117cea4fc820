import { WorkflowUpdateFailedError } from '@temporalio/client';
import { type ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitCycleWorkflowId, type Actor, type UnitCycleInput } from '@jiebang/contracts';
import { confirmReportUpdate, reviewReportUpdate, saveReportUpdate } from '@jiebang/contracts/temporal';
import { unitCycleWorkflow } from '../../workflows';
import { eventually } from '../support/jiebang';
import { startWorkflowTestbed, type ActivityCall, type WorkflowTestbed } from '../support/workflow-testbed';

const TASK_QUEUE = 'report-branches';

describe('the head confirmation and review branches of unitCycleWorkflow, with activities that only take note', () => {
  let testbed: WorkflowTestbed;

  beforeAll(async () => {
    testbed = await startWorkflowTestbed(TASK_QUEUE);
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  const reporterOf = (unitId: string): Actor => ({ userId: `reporter-${unitId}`, roles: ['UNIT_REPORTER'], unitId });
  const headOf = (unitId: string): Actor => ({ userId: `head-${unitId}`, roles: ['UNIT_HEAD'], unitId });
  const assessor: Actor = { userId: 'assessor-1', roles: ['ASSESSOR'] };
  const at = (start: number, ms: number) => new Date(start + ms).toISOString();
  const callsOf = (unitId: string, name: ActivityCall['name']) =>
    testbed.calls.filter((call) => call.request.unitId === unitId && call.name === name);
  const noticesOf = (unitId: string) =>
    callsOf(unitId, 'notify').map((call) => `${String(call.request.kind)} to ${String(call.request.recipientRole)}`);
  const reportStatuses = (unitId: string) =>
    callsOf(unitId, 'recordReport').map((call) => (call.request.report as { status: string }).status);
  const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

  /** A unit with one month: it opens in 300 ms, is due at `dueMs` (head reminded 500 ms before), reviewed 2.5 s later (assessors reminded 1 s before). */
  async function start(unitId: string, dueMs: number) {
    const now = Date.now();
    const input: UnitCycleInput = {
      cycleId: 'report-branches',
      unitId,
      reportedIndicatorIds: ['i1'],
      ratedIndicatorIds: [],
      pledgeDeadline: at(now, 3_600_000),
      pledgeReminders: [],
      months: [
        {
          month: 1,
          opensAt: at(now, 300),
          dueAt: at(now, dueMs),
          reminders: [at(now, dueMs - 500)],
          reviewDueAt: at(now, dueMs + 2_500),
        },
      ],
      resubmitWindowMs: 1_000,
      reviewWindowMs: 1_000,
      reminderOffsets: ['1s'],
      headConfirmation: true,
    };
    const workflow = await testbed.env.client.workflow.start(unitCycleWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: unitCycleWorkflowId(input.cycleId, unitId),
      args: [input],
    });
    await sleep(400);
    return workflow;
  }

  it('reminds the head of a report waiting for confirmation, and misses it when unconfirmed by the deadline', async () => {
    const workflow = await start('u-slow', 1_500);
    try {
      const submitted = await workflow.executeUpdate(saveReportUpdate, {
        args: [{ actor: reporterOf('u-slow'), month: 1, values: { i1: 5 }, submit: true }],
      });
      expect(submitted.status).toBe('awaiting_confirmation');
      await eventually(async () => (reportStatuses('u-slow').includes('missed') ? true : undefined));
      expect(noticesOf('u-slow')).toEqual(['reminder to UNIT_HEAD', 'deadline to UNIT_HEAD']);
    } finally {
      await workflow.terminate('test over');
    }
  });

  it('takes a send-back once, a confirmed resubmission, and escalates the late review to LEADERSHIP once', async () => {
    const workflow = await start('u-back', 3_000);
    try {
      const save = () =>
        workflow.executeUpdate(saveReportUpdate, {
          args: [{ actor: reporterOf('u-back'), month: 1, values: { i1: 5 }, submit: true }],
        });
      const confirm = (decision: 'confirm' | 'send_back', comment?: string) =>
        workflow.executeUpdate(confirmReportUpdate, {
          args: [{ actor: headOf('u-back'), month: 1, decision, comment }],
        });
      await save();
      expect(await confirm('send_back', 'add the land figures')).toMatchObject({
        status: 'sent_back',
        headComment: 'add the land figures',
      });
      const twice = await confirm('send_back', 'again').catch((error: unknown) => error);
      expect(twice).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(((twice as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe(
        'REPORT_NOT_AWAITING_CONFIRMATION',
      );
      await save();
      expect(await confirm('confirm')).toMatchObject({ status: 'submitted', confirmedBy: 'head-u-back', late: false });

      await eventually(async () => (callsOf('u-back', 'escalate').length > 0 ? true : undefined));
      await sleep(300);
      expect(noticesOf('u-back')).toEqual(['reminder to ASSESSOR', 'escalation to LEADERSHIP']);
      expect(callsOf('u-back', 'escalate').map((call) => call.request.addressedTo)).toEqual(['LEADERSHIP']);

      const approved = await workflow.executeUpdate(reviewReportUpdate, {
        args: [{ actor: assessor, month: 1, decision: 'approve' }],
      });
      expect(approved.status).toBe('approved');
    } finally {
      await workflow.terminate('test over');
    }
  });
});
