import type { Client } from '@temporalio/client';
import { expect } from 'vitest';
import { cycleWorkflowId, validateScenario, type Scenario } from '@jiebang/contracts';
import { monthReportsOf, simulate } from '@jiebang/domain';
import { eventually, type ActorHeaders, type CallOptions, type CallResult } from './jiebang';
import { demoScenario, withoutHistory } from './scenarios';
import { ACTORS, type JiebangSuite } from './suite';
import { expectedCases, readLiveYear, type YearReader } from './year-readback';

/**
 * Driving a whole year on a live system month by month over HTTP, as the year tests do
 * (annual-cycle.test.ts and test/cluster/live-year.test.ts on the rulebook's example,
 * ratings-year.test.ts on the ratings example): months a moment long, each closed, finalised and
 * published by the people who would, its cases approved, until the annual results stand.
 */

/** Months a second and a half long; every later deadline is far enough not to pass while the test works. */
export const LIVE_MONTH_MS = 1_500;
const { assessor, leadership, headOf, reporterOf } = ACTORS;

/** Where the year runs: the API (one instance, or a proxy in front of several), its Postgres and its Temporal. */
export interface LiveYearSystem {
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  query(sql: string, params: unknown[]): Promise<Array<Record<string, unknown>>>;
  temporal: Client;
  /** Prefixes the line that reports the workflows' runs (`[annual]`, `[cluster year]`). */
  label: string;
}

/** A test suite (one API, one worker, the dev server) as a system to run a year on. */
export function suiteSystem(suite: JiebangSuite, label: string): LiveYearSystem {
  return {
    call: (...args) => suite.call(...args),
    query: async (sql, params) => (await suite.db.query(sql, params)).rows,
    temporal: suite.stack.env.client,
    label,
  };
}

/** Who approves a case's rung, by the role the case waits for. */
export const APPROVER_OF: Record<string, ActorHeaders> = {
  ORG_DEPT: ACTORS.orgDept,
  DISCIPLINE: ACTORS.discipline,
  LEADERSHIP: ACTORS.leadership,
};

/** Twelve months of `monthMs` each from `startsAt`, as a scenario's `calendar.periods`. */
export function liveCalendar(startsAt: number, monthMs: number): Array<{ start: string; end: string }> {
  return Array.from({ length: 12 }, (_, index) => ({
    start: new Date(startsAt + index * monthMs).toISOString(),
    end: new Date(startsAt + (index + 1) * monthMs).toISOString(),
  }));
}

/** The answer's body, once it is a success (the test fails with the body otherwise). */
export async function ok(response: Promise<{ status: number; body: Record<string, unknown> }>) {
  const answered = await response;
  expect(answered.status, JSON.stringify(answered.body)).toBeLessThan(300);
  return answered.body;
}

/** Waits until the instant (ms since the epoch); returns at once when it has passed. */
export async function waitUntil(instant: number): Promise<void> {
  const wait = instant - Date.now();
  if (wait > 0) await new Promise((done) => setTimeout(done, wait));
}

/**
 * The end of a month whose reports are in: an assessor closes it, its ranking turns final,
 * LEADERSHIP publishes the bulletin, and every case the month opened that waits for approval is
 * approved by the roles it waits for.
 */
export async function finishMonth(system: LiveYearSystem, cycleId: string, month: number): Promise<void> {
  await ok(system.call('POST', `/cycles/${cycleId}/months/${month}/close`, { actor: ACTORS.assessor }));
  await eventually(
    async () =>
      (
        (await system.call('GET', `/cycles/${cycleId}/months`, { actor: ACTORS.assessor })).body.months as Array<{
          month: number;
          stage: string;
        }>
      )[month - 1]?.stage === 'final' || undefined,
    { timeoutMs: 60_000 },
  );
  await ok(system.call('POST', `/cycles/${cycleId}/months/${month}/bulletin`, { actor: ACTORS.leadership }));
  await approveOpenCases(system, cycleId, month);
}

/** Every case the published month opened (as many as its ranking names), approved where it waits. */
async function approveOpenCases(system: LiveYearSystem, cycleId: string, month: number): Promise<void> {
  const opened = await eventually(async () => {
    const { body } = await system.call('GET', `/cases?cycleId=${encodeURIComponent(cycleId)}`, {
      actor: ACTORS.assessor,
    });
    const cases = body as unknown as Array<{ caseId: string; month: number; status: string }>;
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
    const detail = (await ok(
      system.call('GET', `/cases/${encodeURIComponent(fired.caseId)}`, { actor: ACTORS.assessor }),
    )) as { live?: { pendingApprovers: string[] } };
    for (const role of detail.live?.pendingApprovers ?? [])
      await ok(
        system.call('POST', `/cases/${encodeURIComponent(fired.caseId)}/decisions`, {
          actor: APPROVER_OF[role]!,
          body: { approve: true },
        }),
      );
  }
}

/** Waits until the year's annual results stand, one row a unit. */
export async function annualResultsWritten(system: LiveYearSystem, cycleId: string, units: number): Promise<void> {
  await eventually(
    async () =>
      Number((await system.query('SELECT count(*) AS n FROM annual_results WHERE cycle_id = $1', [cycleId]))[0]!.n) ===
      units
        ? true
        : undefined,
    { timeoutMs: 60_000 },
  );
}

/** The year's read-back (year-readback.ts) through the system: reads that fail at once. */
export function systemReader(system: LiveYearSystem): YearReader {
  return {
    get: async (path, actor) => ok(system.call('GET', path, { actor })),
    query: system.query,
  };
}

/** The example district as a live cycle whose months start in a few seconds. */
function liveExampleScenario(startsAt: number): Record<string, unknown> {
  const scenario = withoutHistory(demoScenario());
  scenario.name = 'Live district';
  scenario.policy = livePolicy(scenario.policy, startsAt);
  return scenario;
}

/**
 * A scenario's policy for a live year: months of LIVE_MONTH_MS from `startsAt`, every deadline far
 * enough (minutes) not to pass while the test works, a one-second appeal window.
 */
export function livePolicy(policy: unknown, startsAt: number): Record<string, unknown> {
  return {
    ...(policy as Record<string, unknown>),
    calendar: { periods: liveCalendar(startsAt, LIVE_MONTH_MS) },
    pledgeDeadline: '900s',
    reminderOffsets: ['600s'],
    reportWindow: '900s',
    reviewDeadline: '900s',
    appealWindow: '1s',
    approvalDeadline: '300s',
  };
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
  const original = validateScenario(demoScenario());
  if (!original.ok) throw new Error('the example scenario must be valid');
  const scenario: Scenario = original.scenario;
  const expected = simulate(scenario);

  const startsAt = Date.now() + 4_000;
  const cycleId = await importAndPledge(system, liveExampleScenario(startsAt), scenario);
  const rated = manuallyRated(scenario);
  for (let month = 1; month <= 12; month++) {
    await waitUntil(startsAt + month * LIVE_MONTH_MS + 100);
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
    for (const unit of scenario.units.filter((candidate) => monthReports[candidate.id]))
      await submitAndApprove(system, cycleId, unit.id, month, monthReports[unit.id]!, rated);
    await finishMonth(system, cycleId, month);
  }
  const live = await expectYearAsSimulated(system, cycleId, scenario.units.length, expected);
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
  await expectMonthlyRuns(system, cycleId, scenario.units.length);
}

/**
 * Once the annual results stand, the year read back (rankings, cases, annual results) equals
 * the simulation's; answers what was read, for the test's own checks.
 */
export async function expectYearAsSimulated(
  system: LiveYearSystem,
  cycleId: string,
  units: number,
  expected: ReturnType<typeof simulate>,
): Promise<Awaited<ReturnType<typeof readLiveYear>>> {
  await annualResultsWritten(system, cycleId, units);
  const live = await readLiveYear(systemReader(system), cycleId);
  expect(live.months).toEqual(expected.months);
  expect(live.cases).toEqual(expectedCases(expected));
  expect(live.annual).toEqual(expected.annual);
  return live;
}

/** Imports the cycle as an assessor would and has every unit's head sign the pledge; answers the cycle's id. */
export async function importAndPledge(
  system: LiveYearSystem,
  body: Record<string, unknown>,
  scenario: Scenario,
): Promise<string> {
  const imported = await ok(system.call('POST', '/cycles', { actor: assessor, body }));
  const cycleId = (imported.cycle as { id: string }).id;
  for (const unit of scenario.units)
    await ok(system.call('POST', `/cycles/${cycleId}/units/${unit.id}/pledge`, { actor: headOf(unit.id) }));
  return cycleId;
}

/** The indicators an assessor rates by hand (the dimensions of conduct and satisfaction). */
export function manuallyRated(scenario: Scenario): Set<string> {
  return new Set(
    scenario.indicators
      .filter((indicator) => ['政风评议', '依法行政', '领导评议', '群众满意度'].includes(indicator.dimension))
      .map((indicator) => indicator.id),
  );
}

/** A report as its people take it: submitted, confirmed by the head, rated where manual, approved. */
async function submitAndApprove(
  system: LiveYearSystem,
  cycleId: string,
  unitId: string,
  month: number,
  values: Readonly<Record<string, number>>,
  rated: Set<string>,
): Promise<void> {
  const reported = Object.fromEntries(Object.entries(values).filter(([indicator]) => !rated.has(indicator)));
  const base = `/cycles/${cycleId}/units/${unitId}/reports/${month}`;
  await ok(system.call('PUT', base, { actor: reporterOf(unitId), body: { values: reported, submit: true } }));
  // Head confirmation is on (the rulebook's default): only a confirmed report reaches the assessors.
  await ok(system.call('POST', `${base}/confirmation`, { actor: headOf(unitId), body: { decision: 'confirm' } }));
  for (const [indicatorId, value] of Object.entries(values).filter(([indicator]) => rated.has(indicator)))
    await ok(system.call('POST', `${base}/ratings`, { actor: assessor, body: { indicatorId, value } }));
  await ok(system.call('POST', `${base}/review`, { actor: assessor, body: { decision: 'approve' } }));
}

/** Each unit's year continued as new at the month boundaries; the runs' lengths are printed for the record. */
async function expectMonthlyRuns(system: LiveYearSystem, cycleId: string, units: number): Promise<void> {
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
  expect(runs.size).toBe(units);
  for (const lengths of runs.values()) expect(lengths.length).toBeGreaterThan(1);
}
