import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cycleWorkflowId,
  unitCycleWorkflowId,
  type CycleStatus,
  type PendingStep,
  type UnitCycleStatus,
} from '@jiebang/contracts';
import { cycleStatusQuery, pendingStepsQuery, unitStatusQuery } from '@jiebang/contracts/temporal';
import { eventually } from '../support/jiebang';
import { monthOneEndingAt, tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';

const { assessor, reporterOf } = ACTORS;

/**
 * Issue 26: the API answers a unit's year from Postgres (the read model its workflow keeps), not
 * by a Query; what it answers is the workflow's own state at every step, a month's close included;
 * and the month closes when its last report settles (signalled), not on the cycle's timer.
 */
describe("a unit's year read from Postgres", () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  let cycleId: string;
  let monthEnds: number;

  beforeAll(async () => {
    suite = await startJiebangSuite('read-model-suite');
    monthEnds = Date.now() + 4_000;
    const imported = await call('POST', '/cycles', {
      actor: assessor,
      // Deadlines an hour away: the cycle's fallback check is 10 minutes off, so only the
      // settled reports' signals can close the month within the test.
      body: tinyScenario('Read model district', {
        calendar: { periods: monthOneEndingAt(monthEnds) },
        pledgeDeadline: '1h',
        reminderOffsets: ['30m'],
        reportWindow: '1h',
        reviewDeadline: '1h',
        appealWindow: '1s',
        headConfirmation: false,
      }),
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
  });

  afterAll(async () => {
    await suite?.stop();
  });

  const unitWorkflow = (unitId: string) => suite.temporal.workflow.getHandle(unitCycleWorkflowId(cycleId, unitId));
  const read = async (unitId: string) => {
    const response = await call('GET', `/cycles/${cycleId}/units/${unitId}`, { actor: assessor });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as { workflow: UnitCycleStatus; pendingSteps: unknown[] };
  };
  /** The read equals what the workflow itself answers now (a Query, in the test only). */
  const expectReadEqualsWorkflow = async (unitId: string) => {
    const [body, workflow, steps] = await Promise.all([
      read(unitId),
      unitWorkflow(unitId).query(unitStatusQuery),
      unitWorkflow(unitId).query(pendingStepsQuery),
    ]);
    expect(body.workflow).toEqual(workflow);
    expect(body.pendingSteps).toEqual(steps);
    return body;
  };

  it('answers as the workflow does before the month, after a submission and after an approval', async () => {
    // Before the month (when the import left time for it: the read takes the window as open once
    // its instant has passed, the workflow once its timer has fired, a moment later on a busy machine).
    if (Date.now() < monthEnds - 1_000) {
      const before = await read('u-a');
      if (Date.now() < monthEnds) expect(before.workflow).toEqual(await unitWorkflow('u-a').query(unitStatusQuery));
    }
    // The month opens: the read lists the report to submit as the workflow does.
    await eventually(
      async () => ((await unitWorkflow('u-a').query(unitStatusQuery)).phase === 'reporting' ? true : undefined),
      { timeoutMs: 20_000 },
    );
    expect((await expectReadEqualsWorkflow('u-a')).pendingSteps).toContainEqual(
      expect.objectContaining({ step: 'report.submit', month: 1 }),
    );
    for (const unit of ['u-a', 'u-b']) {
      const submitted = await call('PUT', `/cycles/${cycleId}/units/${unit}/reports/1`, {
        actor: reporterOf(unit),
        body: { values: { [`${unit}-invest`]: 2000 }, submit: true },
      });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    }
    expect((await expectReadEqualsWorkflow('u-a')).workflow.reports[0]).toMatchObject({ status: 'submitted' });
    // The administrators' task list takes a unit's steps from the same read model.
    const tasks = await call('GET', `/admin/tasks?cycleId=${cycleId}`, { actor: ACTORS.admin });
    expect(tasks.status, JSON.stringify(tasks.body)).toBe(200);
    const ofUnitA = (tasks.body.tasks as Array<PendingStep & { workflowType: string }>)
      .filter((task) => task.workflowType === 'unitCycleWorkflow' && task.unitId === 'u-a')
      .map(({ step, role, unitId, month, dueAt }) => ({ step, role, unitId, month, dueAt }));
    const queried = await unitWorkflow('u-a').query(pendingStepsQuery);
    expect(ofUnitA).toHaveLength(queried.length);
    expect(ofUnitA).toEqual(
      expect.arrayContaining(
        queried.map(({ step, role, unitId, month, dueAt }) => ({
          step,
          role,
          unitId,
          month,
          dueAt,
        })),
      ),
    );
    const approved = await call('POST', `/cycles/${cycleId}/units/u-a/reports/1/review`, {
      actor: assessor,
      body: { decision: 'approve' },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect((await expectReadEqualsWorkflow('u-a')).workflow.reports[0]).toMatchObject({ status: 'approved' });
  });

  it('closes the month on the last settled report and shows its outcome as the workflow holds it', async () => {
    const approved = await call('POST', `/cycles/${cycleId}/units/u-b/reports/1/review`, {
      actor: assessor,
      body: { decision: 'approve' },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const cycle = suite.temporal.workflow.getHandle(cycleWorkflowId(cycleId));
    // Seconds, not the 10-minute fallback: the settled report's signal woke the cycle.
    await eventually(
      async () => {
        const status: CycleStatus = await cycle.query(cycleStatusQuery);
        return status.months[0]!.stage === 'final' ? true : undefined;
      },
      { timeoutMs: 30_000 },
    );
    // The outcome is in Postgres once the ranking is final; the read shows it at once, and then
    // equals the workflow's state once the unit has taken the outcome's signal.
    const during = await read('u-a');
    expect(during.workflow.outcomes).toEqual([expect.objectContaining({ month: 1, version: 1 })]);
    expect(during.pendingSteps.filter((step) => (step as { month?: number }).month === 1)).toEqual([]);
    await eventually(
      async () => ((await unitWorkflow('u-a').query(unitStatusQuery)).outcomes.length === 1 ? true : undefined),
      { timeoutMs: 20_000 },
    );
    const after = await expectReadEqualsWorkflow('u-a');
    expect(after.workflow.outcomes).toEqual(during.workflow.outcomes);
    // The workflow still decides: a step on the closed month is refused by it.
    const late = await call('POST', `/cycles/${cycleId}/units/u-a/reports/1/review`, {
      actor: assessor,
      body: { decision: 'approve' },
    });
    expect(late.status).toBe(409);

    // With no worker at all (a Query would wait for one and answer 503), the read answers at once, the same.
    await suite.worker?.close();
    suite.worker = null;
    const startedAt = Date.now();
    expect((await read('u-a')).workflow).toEqual(after.workflow);
    expect(Date.now() - startedAt).toBeLessThan(2_000);
  });
});
