import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseIdOf,
  caseWorkflowId,
  unitCycleWorkflowId,
  type Actor,
  type CaseInput,
  type MonthOutcome,
  type UnitCycleInput,
} from '@jiebang/contracts';
import {
  MONTH,
  PHASE,
  monthOutcomeSignal,
  reviewReportUpdate,
  saveReportUpdate,
  unitStatusQuery,
} from '@jiebang/contracts/temporal';
import { unitCycleWorkflow } from '../../workflows';
import { eventually } from '../support/jiebang';
import { startWorkflowTestbed, type WorkflowTestbed } from '../support/workflow-testbed';

const TASK_QUEUE = 'short-histories';
const CYCLE_ID = 'short-histories';
const MONTH_MS = 1_500;
/** Events one run of a unit's year may hold, whatever the number of months: about a month's worth. */
const RUN_EVENTS_BOUND = 120;

/**
 * A unit's year continues as new at each month boundary, carrying its state: the history of any
 * one run stays about a month long however many months pass, and nothing is lost or done twice
 * across the hand-overs (reminders and deadlines armed in one run fire in the next, once; an
 * outcome signalled while a run hands over reaches the next; a case is started once).
 */
describe('a unit year in short histories, with activities that only take note', () => {
  let testbed: WorkflowTestbed;

  beforeAll(async () => {
    testbed = await startWorkflowTestbed(TASK_QUEUE);
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  const reporter = (unitId: string): Actor => ({ userId: `reporter-${unitId}`, roles: ['UNIT_REPORTER'], unitId });
  const assessor: Actor = { userId: 'assessor-1', roles: ['ASSESSOR'] };
  const iso = (ms: number) => new Date(ms).toISOString();
  const callsOf = (unitId: string, name: string) =>
    testbed.calls.filter((call) => call.request.unitId === unitId && call.name === name);
  const sleepUntil = (ms: number) => new Promise((done) => setTimeout(done, Math.max(0, ms - Date.now())));

  /**
   * `months` months of MONTH_MS; each report is due two months after its window opens (so it is
   * open while the next month runs), reminded half a month after the next boundary; reviews are
   * due long after. The pledge is never signed: its reminder, deadline and escalation cross the
   * first boundary.
   */
  function yearOf(unitId: string, months: number): UnitCycleInput {
    const start = Date.now() + 1_000;
    return {
      cycleId: CYCLE_ID,
      unitId,
      reportedIndicatorIds: ['i1'],
      ratedIndicatorIds: [],
      pledgeDeadline: iso(start + 1.3 * MONTH_MS),
      pledgeReminders: [iso(start + 0.5 * MONTH_MS)],
      months: Array.from({ length: months }, (_, index) => {
        const opensAt = start + index * MONTH_MS;
        return {
          month: index + 1,
          opensAt: iso(opensAt),
          dueAt: iso(opensAt + 2 * MONTH_MS),
          reminders: [iso(opensAt + 1.5 * MONTH_MS)],
          reviewDueAt: iso(opensAt + 20 * MONTH_MS),
        };
      }),
      resubmitWindowMs: MONTH_MS,
      reviewWindowMs: 20 * MONTH_MS,
      reminderOffsets: [],
      headConfirmation: false,
    };
  }

  function caseOf(unitId: string, month: number): CaseInput {
    return {
      caseId: caseIdOf(CYCLE_ID, unitId, 'warning_speech', month),
      cycleId: CYCLE_ID,
      unitId,
      rung: 'warning_speech',
      month,
      ruleId: 'rule-warning',
      approvers: [],
      explanation: { text: 'lagging', rule: 'rule-warning', months: [month], ranks: [9], scores: [0], indicators: [] },
      approvalDeadline: '1h',
    };
  }

  it('continues as new at each month boundary, each run about a month long, nothing lost or done twice', async () => {
    const unitId = 'u-year';
    const months = 6;
    const input = yearOf(unitId, months);
    const workflowId = unitCycleWorkflowId(CYCLE_ID, unitId);
    const workflow = await testbed.env.client.workflow.start(unitCycleWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId,
      args: [input],
    });
    try {
      // Odd months report at once and are approved; even months stay silent and are missed.
      for (const timeline of input.months) {
        await sleepUntil(Date.parse(timeline.opensAt) + 200);
        const { month } = timeline;
        if (month % 2 === 1) {
          await workflow.executeUpdate(saveReportUpdate, {
            args: [{ actor: reporter(unitId), month, values: { i1: month }, submit: true }],
          });
          await workflow.executeUpdate(reviewReportUpdate, { args: [{ actor: assessor, month, decision: 'approve' }] });
        }
      }
      // Each month's outcome once it settled; month 2's fires a case.
      for (const { month } of input.months) {
        await eventually(async () => {
          const report = (await workflow.query(unitStatusQuery)).reports[month - 1]!;
          return report.status === 'approved' || report.status === 'missed' ? true : undefined;
        });
        const outcome: MonthOutcome = {
          month,
          version: 1,
          score: month % 2 === 1 ? 100 : 0,
          rank: 1,
          lagging: month % 2 === 0,
          vetoed: false,
          reported: month % 2 === 1,
          cases: month === 2 ? [caseOf(unitId, month)] : [],
        };
        await workflow.signal(monthOutcomeSignal, outcome);
      }

      const year = await workflow.result();
      expect(year.phase).toBe('closed');
      expect(year.reports.map((report) => report.status)).toEqual([
        'approved',
        'missed',
        'approved',
        'missed',
        'approved',
        'missed',
      ]);
      expect(year.outcomes.map((outcome) => outcome.month).sort()).toEqual([1, 2, 3, 4, 5, 6]);

      // Every notice once: the pledge's reminder, deadline and escalation; each silent month's reminder and deadline.
      const keys = callsOf(unitId, 'notify').map((call) => String(call.request.key));
      expect(new Set(keys).size).toBe(keys.length);
      const notices = callsOf(unitId, 'notify').map(
        (call) => `${String(call.request.kind)} ${String(call.request.step)}`,
      );
      expect(notices.filter((notice) => notice.startsWith('reminder report.submit'))).toHaveLength(3);
      expect(notices.filter((notice) => notice.startsWith('deadline report.submit'))).toHaveLength(3);
      expect(notices.filter((notice) => notice.includes('pledge.sign'))).toHaveLength(2);
      expect(callsOf(unitId, 'escalate')).toHaveLength(1);
      // The read model's revisions keep rising across the runs.
      const revisions = callsOf(unitId, 'recordReport').map((call) => Number(call.request.revision));
      expect(revisions).toEqual(revisions.map((_, index) => index + 1));
      // The case of month 2 was started once, by one of the runs.
      const cases = await runsOf(testbed.env.client, caseWorkflowId(CYCLE_ID, unitId, 'warning_speech', 2));
      expect(cases).toHaveLength(1);

      const runs = await runsOf(testbed.env.client, workflowId);
      const lengths = await Promise.all(
        runs.map(
          async (runId) =>
            (await testbed.env.client.workflow.getHandle(workflowId, runId).fetchHistory()).events?.length ?? 0,
        ),
      );
      process.stdout.write(`[short histories] ${runs.length} runs of ${lengths.join(', ')} events\n`);
      expect(runs.length).toBeGreaterThanOrEqual(months);
      expect(Math.max(...lengths)).toBeLessThan(RUN_EVENTS_BOUND);
      // One history would have held them all.
      expect(lengths.reduce((sum, length) => sum + length, 0)).toBeGreaterThan(2 * RUN_EVENTS_BOUND);

      // The same workflow id, its search attributes carried: the latest run says where the year stands.
      const latest = await testbed.env.client.workflow.getHandle(workflowId).describe();
      expect(latest.runId).not.toBe(workflow.firstExecutionRunId);
      expect(latest.typedSearchAttributes.get(PHASE)).toBe('closed');
      expect(latest.typedSearchAttributes.get(MONTH)).toBe(months);
    } finally {
      await workflow.terminate('test over').catch(() => undefined);
    }
  });
});

/** The run ids of a workflow id, oldest first, once visibility lists them all as closed. */
async function runsOf(client: Client, workflowId: string): Promise<string[]> {
  return eventually(async () => {
    const runs: Array<{ runId: string; startTime: Date }> = [];
    for await (const execution of client.workflow.list({ query: `WorkflowId = "${workflowId}"` }))
      runs.push({ runId: execution.runId, startTime: execution.startTime });
    return runs.length > 0
      ? runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime()).map((run) => run.runId)
      : undefined;
  });
}
