import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleWorkflowId, validateScenario, type Scenario } from '@jiebang/contracts';
import { monthReportsOf, simulate } from '@jiebang/domain';
import { annualResultsWritten, finishMonth, liveCalendar, ok, suiteReader, waitUntil } from '../support/live-year';
import { demoScenario, withoutHistory } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';
import { expectedCases, readLiveYear } from '../support/year-readback';

/** Months a second and a half long; every later deadline is far enough not to pass while the test works. */
const MONTH_MS = 1_500;
const { assessor, leadership, headOf, reporterOf } = ACTORS;

/** The example district as a live cycle whose months start in a few seconds. */
function liveScenario(startsAt: number): Record<string, unknown> {
  const scenario = withoutHistory(demoScenario());
  const periods = liveCalendar(startsAt, MONTH_MS);
  scenario.name = 'Live district';
  scenario.policy = {
    ...(scenario.policy as Record<string, unknown>),
    calendar: { periods },
    pledgeDeadline: '900s',
    reminderOffsets: ['600s'],
    reportWindow: '900s',
    reviewDeadline: '900s',
    appealWindow: '1s',
    approvalDeadline: '300s',
  };
  return scenario;
}

/**
 * The example district's year (vetoes, rated indicators, head confirmation, cases) on a stack that
 * keeps running: it proves the live system equals `jiebang simulate` on the rulebook's example.
 * That the year also survives a worker, Temporal, Postgres or API failing, losing and doubling
 * nothing, the year under faults proves (faults-short.test.ts; docs/testing.md).
 */
describe('a whole year on the live system equals `jiebang simulate`', () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);

  beforeAll(async () => {
    suite = await startJiebangSuite('annual-suite');
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it('runs the example district month by month over HTTP and ends with the simulated ranks, cases and results', async () => {
    const original = validateScenario(demoScenario());
    if (!original.ok) throw new Error('the example scenario must be valid');
    const scenario: Scenario = original.scenario;
    const expected = simulate(scenario);

    const startsAt = Date.now() + 4_000;
    const imported = await ok(call('POST', '/cycles', { actor: assessor, body: liveScenario(startsAt) }));
    const cycleId = (imported.cycle as { id: string }).id;
    for (const unit of scenario.units)
      await ok(call('POST', `/cycles/${cycleId}/units/${unit.id}/pledge`, { actor: headOf(unit.id) }));

    const rated = new Set(
      scenario.indicators
        .filter((indicator) => ['政风评议', '依法行政', '领导评议', '群众满意度'].includes(indicator.dimension))
        .map((indicator) => indicator.id),
    );
    for (let month = 1; month <= 12; month++) {
      await waitUntil(startsAt + month * MONTH_MS + 100);
      for (const veto of scenario.vetoes.filter((event) => event.month === month)) {
        await ok(
          call('POST', `/cycles/${cycleId}/vetoes`, {
            actor: assessor,
            body: { unitId: veto.unit, month, reason: veto.reason, evidence: 'inspection report' },
          }),
        );
      }
      // Numbers as assessors enter them: a ratings object (ratings by many) stands for the value it gives.
      const monthReports = monthReportsOf(scenario.reports, month, scenario.indicators);
      const reporting = scenario.units.filter((unit) => monthReports[unit.id]);
      for (const unit of reporting) {
        await submitAndApprove(cycleId, unit.id, month, monthReports[unit.id]!, rated);
      }
      await finishMonth(suite, cycleId, month);
    }
    await annualResultsWritten(suite, cycleId, scenario.units.length);

    const live = await readLiveYear(suiteReader(suite), cycleId);
    expect(live.months).toEqual(expected.months);
    expect(live.cases).toEqual(expectedCases(expected));
    expect(live.annual).toEqual(expected.annual);
    const year = await ok(call('GET', `/cycles/${cycleId}/annual-results`, { actor: leadership }));
    const monthTwelve = new Map(expected.months[11]!.units.map((unit) => [unit.unit, unit]));
    expect(year.decided).toBe(true);
    expect(
      (year.results as Array<{ unitId: string; completed: boolean; yearScore: number; yearRank: number }>).map(
        ({ unitId, completed, yearScore, yearRank }) => ({ unit: unitId, completed, yearScore, yearRank }),
      ),
    ).toEqual(
      expected.annual.map(({ unit, completed }) => ({
        unit,
        completed,
        yearScore: monthTwelve.get(unit)!.score,
        yearRank: monthTwelve.get(unit)!.rank,
      })),
    );
    expect(live.duplicatedNotifications).toEqual([]);

    // Each unit's year continued as new at the month boundaries; the runs' lengths for the record.
    const runs = new Map<string, number[]>();
    for await (const execution of suite.stack.env.client.workflow.list({
      query: `CycleId = "${cycleId}" AND WorkflowType = "unitCycleWorkflow"`,
    })) {
      const history = await suite.stack.env.client.workflow
        .getHandle(execution.workflowId, execution.runId)
        .fetchHistory();
      runs.set(execution.workflowId, [...(runs.get(execution.workflowId) ?? []), history.events?.length ?? 0]);
    }
    const cycleHistory = (await suite.stack.env.client.workflow.getHandle(cycleWorkflowId(cycleId)).describe())
      .historyLength;
    process.stdout.write(
      `[annual] unit workflows: ${[...runs.values()].map((lengths) => lengths.length).join(', ')} runs; ` +
        `longest run ${Math.max(...[...runs.values()].flat())} events; cycle workflow ${cycleHistory} events\n`,
    );
    expect(runs.size).toBe(scenario.units.length);
    for (const lengths of runs.values()) expect(lengths.length).toBeGreaterThan(1);
  }, 600_000);

  async function submitAndApprove(
    cycleId: string,
    unitId: string,
    month: number,
    values: Readonly<Record<string, number>>,
    rated: Set<string>,
  ): Promise<void> {
    const reported = Object.fromEntries(Object.entries(values).filter(([indicator]) => !rated.has(indicator)));
    const base = `/cycles/${cycleId}/units/${unitId}/reports/${month}`;
    await ok(call('PUT', base, { actor: reporterOf(unitId), body: { values: reported, submit: true } }));
    // Head confirmation is on (the rulebook's default): only a confirmed report reaches the assessors.
    await ok(call('POST', `${base}/confirmation`, { actor: headOf(unitId), body: { decision: 'confirm' } }));
    for (const [indicatorId, value] of Object.entries(values).filter(([indicator]) => rated.has(indicator))) {
      await ok(call('POST', `${base}/ratings`, { actor: assessor, body: { indicatorId, value } }));
    }
    await ok(call('POST', `${base}/review`, { actor: assessor, body: { decision: 'approve' } }));
  }
});
