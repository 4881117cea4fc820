import { expect } from 'vitest';
import { eventually, type ActorHeaders } from './jiebang';
import { ACTORS, type JiebangSuite } from './suite';
import type { YearReader } from './year-readback';

/**
 * Driving a whole year on a live suite month by month over HTTP, as the year tests do
 * (annual-cycle.test.ts on the rulebook's example, ratings-year.test.ts on the ratings example):
 * months a moment long, each closed, finalised and published by the people who would, its cases
 * approved, until the annual results stand.
 */

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
export async function finishMonth(suite: JiebangSuite, cycleId: string, month: number): Promise<void> {
  await ok(suite.call('POST', `/cycles/${cycleId}/months/${month}/close`, { actor: ACTORS.assessor }));
  await eventually(
    async () =>
      (
        (await suite.call('GET', `/cycles/${cycleId}/months`, { actor: ACTORS.assessor })).body.months as Array<{
          month: number;
          stage: string;
        }>
      )[month - 1]?.stage === 'final' || undefined,
    { timeoutMs: 60_000 },
  );
  await ok(suite.call('POST', `/cycles/${cycleId}/months/${month}/bulletin`, { actor: ACTORS.leadership }));
  await approveOpenCases(suite, cycleId, month);
}

/** Every case the published month opened (as many as its ranking names), approved where it waits. */
async function approveOpenCases(suite: JiebangSuite, cycleId: string, month: number): Promise<void> {
  const opened = await eventually(async () => {
    const { body } = await suite.call('GET', `/cases?cycleId=${encodeURIComponent(cycleId)}`, {
      actor: ACTORS.assessor,
    });
    const cases = body as unknown as Array<{ caseId: string; month: number; status: string }>;
    const expectedThisMonth = Number(
      (
        await suite.db.query(
          'SELECT jsonb_array_length(cases) AS n FROM month_rankings WHERE cycle_id = $1 AND month = $2 AND status = $3',
          [cycleId, month, 'published'],
        )
      ).rows[0]?.n ?? 0,
    );
    const thisMonth = cases.filter((fired) => fired.month === month);
    return thisMonth.length === expectedThisMonth ? thisMonth : undefined;
  });
  for (const fired of opened.filter((open) => open.status === 'awaiting_approval')) {
    const detail = (await ok(
      suite.call('GET', `/cases/${encodeURIComponent(fired.caseId)}`, { actor: ACTORS.assessor }),
    )) as { live?: { pendingApprovers: string[] } };
    for (const role of detail.live?.pendingApprovers ?? [])
      await ok(
        suite.call('POST', `/cases/${encodeURIComponent(fired.caseId)}/decisions`, {
          actor: APPROVER_OF[role]!,
          body: { approve: true },
        }),
      );
  }
}

/** Waits until the year's annual results stand, one row a unit. */
export async function annualResultsWritten(suite: JiebangSuite, cycleId: string, units: number): Promise<void> {
  await eventually(
    async () =>
      Number(
        (await suite.db.query('SELECT count(*) AS n FROM annual_results WHERE cycle_id = $1', [cycleId])).rows[0].n,
      ) === units
        ? true
        : undefined,
    { timeoutMs: 60_000 },
  );
}

/** The year's read-back (year-readback.ts) through the suite: reads that fail at once. */
export function suiteReader(suite: JiebangSuite): YearReader {
  return {
    get: async (path, actor) => ok(suite.call('GET', path, { actor })),
    query: async (sql, params) => (await suite.db.query(sql, params)).rows,
  };
}
