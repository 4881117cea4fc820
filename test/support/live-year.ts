import type { Client } from '@temporalio/client';
import { expect } from 'vitest';
import { cycleWorkflowId, validateScenario, type Scenario } from '@jiebang/contracts';
import { monthReportsOf, simulate } from '@jiebang/domain';
import { eventually, type ActorHeaders, type CallOptions, type CallResult } from './jiebang';
import { demoScenario, withoutHistory } from './scenarios';
import { expectedCases, readLiveYear } from './year-readback';

/** Months a second and a half long; every later deadline is far enough not to pass while the test works. */
const MONTH_MS = 1_500;
const assessor: ActorHeaders = { user: 'assessor-1', roles: ['ASSESSOR'] };
const leadership: ActorHeaders = { user: 'leader-1', roles: ['LEADERSHIP'] };
const approverOf: Record<string, ActorHeaders> = {
  ORG_DEPT: { user: 'org-1', roles: ['ORG_DEPT'] },
  DISCIPLINE: { user: 'discipline-1', roles: ['DISCIPLINE'] },
  LEADERSHIP: leadership,
};
const headOf = (unit: string): ActorHeaders => ({ user: `head-${unit}`, roles: ['UNIT_HEAD'], unit });
const reporterOf = (unit: string): ActorHeaders => ({ user: `reporter-${unit}`, roles: ['UNIT_REPORTER'], unit });

/** Where the year runs: the API (one instance, or a proxy in front of several), its Postgres and its Temporal. */
export interface LiveYearSystem {
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  query(sql: string, params: unknown[]): Promise<Array<Record<string, unknown>>>;
  temporal: Client;
  /** Prefixes the line that reports the workflows' runs (`[annual]`, `[cluster year]`). */
  label: string;
}

/** The example district as a live cycle whose months start in a few seconds. */
function liveScenario(startsAt: number): Record<string, unknown> {
  const scenario = withoutHistory(demoScenario());
  const periods = Array.from({ length: 12 }, (_, index) => ({
    start: new Date(startsAt + index * MONTH_MS).toISOString(),
    end: new Date(startsAt + (index + 1) * MONTH_MS).toISOString(),
  }));
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
 * The example district's year (vetoes, rated indicators, head confirmation, cases) on a system
 * that keeps running, month by month over HTTP: every step as its people take it, then the year
 * read back and compared with `jiebang simulate` (rankings, cases, annual results, no notification
 * twice, each unit's year continued as new at the month boundaries). The integration layer runs
 * it on one API and one worker on the dev server (annual-cycle.test.ts), the cluster layer
 * through the proxy of the production topology (test/cluster/live-year.test.ts).
 */
export async function runExampleYearLive(system: LiveYearSystem): Promise<void> {
  const { call } = system;
  const ok = async (response: Promise<{ status: number; body: Record<string, unknown> }>) => {
    const answered = await response;
    expect(answered.status, JSON.stringify(answered.body)).toBeLessThan(300);
    return answered.body;
  };

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
    await ok(call('POST', `/cycles/${cycleId}/months/${month}/close`, { actor: assessor }));
    await eventually(
      async () =>
        (
          (await call('GET', `/cycles/${cycleId}/months`, { actor: assessor })).body.months as Array<{
            month: number;
            stage: string;
          }>
        )[month - 1]?.stage === 'final' || undefined,
      { timeoutMs: 60_000 },
    );
    await ok(call('POST', `/cycles/${cycleId}/months/${month}/bulletin`, { actor: leadership }));
    await approveOpenCases(cycleId, month);
  }

  await eventually(
    async () =>
      Number((await system.query('SELECT count(*) AS n FROM annual_results WHERE cycle_id = $1', [cycleId]))[0]!.n) ===
      scenario.units.length
        ? true
        : undefined,
    { timeoutMs: 60_000 },
  );

  const live = await readLiveYear(
    { get: async (path, actor) => ok(call('GET', path, { actor })), query: system.query },
    cycleId,
  );
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
  for await (const execution of system.temporal.workflow.list({
    query: `CycleId = "${cycleId}" AND WorkflowType = "unitCycleWorkflow"`,
  })) {
    const history = await system.temporal.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
    runs.set(execution.workflowId, [...(runs.get(execution.workflowId) ?? []), history.events?.length ?? 0]);
  }
  const cycleHistory = (await system.temporal.workflow.getHandle(cycleWorkflowId(cycleId)).describe()).historyLength;
  process.stdout.write(
    `${system.label} unit workflows: ${[...runs.values()].map((lengths) => lengths.length).join(', ')} runs; ` +
      `longest run ${Math.max(...[...runs.values()].flat())} events; cycle workflow ${cycleHistory} events\n`,
  );
  expect(runs.size).toBe(scenario.units.length);
  for (const lengths of runs.values()) expect(lengths.length).toBeGreaterThan(1);

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

  async function approveOpenCases(cycleId: string, month: number): Promise<void> {
    const opened = await eventually(async () => {
      const { body } = await call('GET', `/cases?cycleId=${encodeURIComponent(cycleId)}`, { actor: assessor });
      const cases = body as unknown as Array<{
        caseId: string;
        month: number;
        status: string;
        pendingApprovers?: string[];
      }>;
      const expectedThisMonth = Number(
        (
          await system.query(
            'SELECT jsonb_array_length(cases) AS n FROM month_rankings WHERE cycle_id = $1 AND month = $2 AND status = $3',
            [cycleId, month, 'published'],
          )
        )[0]?.n ?? 0,
      );
      const thisMonth = cases.filter((fired) => fired.month === month);
      return thisMonth.length === expectedThisMonth ? thisMonth : undefined;
    });
    for (const fired of opened.filter((open) => open.status === 'awaiting_approval')) {
      const detail = (await ok(call('GET', `/cases/${encodeURIComponent(fired.caseId)}`, { actor: assessor }))) as {
        live?: { pendingApprovers: string[] };
      };
      for (const role of detail.live?.pendingApprovers ?? []) {
        await ok(
          call('POST', `/cases/${encodeURIComponent(fired.caseId)}/decisions`, {
            actor: approverOf[role]!,
            body: { approve: true },
          }),
        );
      }
    }
  }
}

async function waitUntil(instant: number): Promise<void> {
  const wait = instant - Date.now();
  if (wait > 0) await new Promise((done) => setTimeout(done, wait));
}
