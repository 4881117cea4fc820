import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleWorkflowId, type Actor, type CycleWorkflowInput } from '@jiebang/contracts';
import { cycleStatusQuery, publishBulletinUpdate } from '@jiebang/contracts/temporal';
import type { MonthReadiness } from '../../activities/cycle.activities';
import { cycleWorkflow } from '../../workflows';
import { eventually } from '../support/jiebang';
import { startWorkflowTestbed, type WorkflowTestbed } from '../support/workflow-testbed';

const TASK_QUEUE = 'cycle-history';
const CYCLE_ID = 'cycle-history';
/** A run's events before it continues as new, small here so that a month's checks cross it several times. */
const RUN_EVENTS = 60;
/** How long each month waits for its reports, checking every 50 ms. */
const COLLECTING_MS = 3_000;

/**
 * A month waiting for its reviews checks every minute in a real year: one history would reach
 * Temporal's limit within the first month. The cycle's run continues as new when its history
 * grows long, and each month is still opened, ranked, finalised and told once.
 */
describe('the cycle in short histories, with activities that only take note', () => {
  let testbed: WorkflowTestbed;
  let start = 0;
  /** A month's reports all settle COLLECTING_MS after it opens. */
  const readiness = ({ month }: Record<string, unknown>): MonthReadiness => {
    const settled = Date.now() > start + 300 + (Number(month) - 1) * 300 + COLLECTING_MS * Number(month);
    return { units: 1, settled: settled ? 1 : 0, pending: [] };
  };

  beforeAll(async () => {
    testbed = await startWorkflowTestbed(TASK_QUEUE, {
      openReportWindows: () => undefined,
      monthReadiness: readiness,
      rankMonth: () => undefined,
      finaliseMonth: () => undefined,
      deliverOutcomes: () => undefined,
      recordAnnualResults: () => undefined,
      publishRanking: () => undefined,
    });
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  it('continues as new when its history grows long, closing each month once', async () => {
    start = Date.now();
    const iso = (ms: number) => new Date(start + ms).toISOString();
    const input: CycleWorkflowInput = {
      cycleId: CYCLE_ID,
      months: [1, 2].map((month) => ({
        month,
        opensAt: iso(300 + (month - 1) * 300),
        reviewDueAt: iso(600_000),
      })),
      appealWindowMs: 200,
      reviewPollMs: 50,
      runEvents: RUN_EVENTS,
    };
    const workflowId = cycleWorkflowId(CYCLE_ID);
    const workflow = await testbed.env.client.workflow.start(cycleWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId,
      args: [input],
    });
    try {
      const leadership: Actor = { userId: 'leader-1', roles: ['LEADERSHIP'] };
      for (const month of [1, 2]) {
        await eventually(
          async () =>
            (await workflow.query(cycleStatusQuery)).months[month - 1]!.stage === 'final' ? true : undefined,
          { timeoutMs: 60_000 },
        );
        await workflow.executeUpdate(publishBulletinUpdate, { args: [{ actor: leadership, month }] });
      }
      const year = await workflow.result();
      expect(year.completed).toBe(true);
      expect(year.months.map((month) => [month.stage, month.version])).toEqual([
        ['published', 1],
        ['published', 1],
      ]);

      const once = (name: string) =>
        testbed.calls.filter((call) => call.name === name).map((call) => call.request.month);
      expect(once('openReportWindows')).toEqual([1, 2]);
      expect(once('rankMonth')).toEqual([1, 2]);
      expect(once('finaliseMonth')).toEqual([1, 2]);
      expect(once('deliverOutcomes')).toEqual([1, 2]);
      expect(once('publishRanking')).toEqual([1, 2]);
      expect(testbed.calls.filter((call) => call.name === 'recordAnnualResults')).toHaveLength(1);

      const lengths = await runLengths(testbed.env.client, workflowId);
      process.stdout.write(`[cycle history] ${lengths.length} runs of ${lengths.join(', ')} events\n`);
      expect(lengths.length).toBeGreaterThan(2);
      // A run hands over at the first moment at rest past the limit: a check or two beyond it.
      expect(Math.max(...lengths)).toBeLessThan(RUN_EVENTS + 40);
    } finally {
      await workflow.terminate('test over').catch(() => undefined);
    }
  });
});

async function runLengths(client: Client, workflowId: string): Promise<number[]> {
  const runs: string[] = [];
  for await (const execution of client.workflow.list({ query: `WorkflowId = "${workflowId}"` }))
    runs.push(execution.runId);
  return Promise.all(
    runs.map(async (runId) => (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events?.length ?? 0),
  );
}
