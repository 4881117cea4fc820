import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateScenario, type Scenario } from '@jiebang/contracts';
import { monthReportsOf, ratedMonthsOf, simulate } from '@jiebang/domain';
import { eventually, type ActorHeaders } from '../support/jiebang';
import {
  expectYearAsSimulated,
  finishMonth,
  importAndPledge,
  manuallyRated,
  LIVE_MONTH_MS,
  livePolicy,
  ok,
  suiteSystem,
  waitUntil,
} from '../support/live-year';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';

const { assessor, headOf, reporterOf } = ACTORS;

type Ratings = Record<string, Record<string, number>>;

function ratingsExample(): Record<string, unknown> {
  return JSON.parse(readFileSync(resolve(__dirname, '../fixtures/ratings-2026.json'), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** The ratings example as a live cycle whose months start in a few seconds; rounds are closed by the assessors. */
function liveScenario(startsAt: number): Record<string, unknown> {
  const scenario = ratingsExample();
  return {
    ...scenario,
    name: 'Live rated district',
    reports: {},
    vetoes: [],
    policy: { ...livePolicy(scenario.policy, startsAt), ratingDeadline: '900s' },
  };
}

/**
 * The ratings example's year live: each rated month's round is rated over HTTP by the peers' heads,
 * the assessors and the panel members (RATER accounts), some silent and one group empty as the
 * example has them, then closed by an assessor; the round writes its values, the month closes, and
 * the year ends equal to `jiebang simulate` on the example, 视为不合格 included.
 */
describe('a rated year on the live system equals `jiebang simulate` on the ratings example', () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);

  beforeAll(async () => {
    suite = await startJiebangSuite('ratings-year-suite');
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it('rates, closes and ranks every month as simulate does', async () => {
    const original = validateScenario(ratingsExample());
    if (!original.ok) throw new Error('the ratings example must be valid');
    const scenario: Scenario = original.scenario;
    const expected = simulate(scenario);
    const raw = ratingsExample().reports as Record<string, Record<string, Record<string, unknown>>>;
    const raterOf = (group: string, rater: string): ActorHeaders =>
      group === 'peers'
        ? headOf(rater)
        : group === 'assessors'
          ? { user: rater, roles: ['ASSESSOR'] }
          : { user: rater, roles: ['RATER'] };

    const startsAt = Date.now() + 6_000;
    const system = suiteSystem(suite, '[ratings year]');
    const cycleId = await importAndPledge(system, liveScenario(startsAt), scenario);
    const manual = manuallyRated(scenario);
    const roundMonths = new Set(scenario.indicators.flatMap((indicator) => ratedMonthsOf(indicator)));
    let ratingsGiven = 0;
    for (let month = 1; month <= 12; month++) {
      await waitUntil(startsAt + month * LIVE_MONTH_MS + 100);
      for (const veto of scenario.vetoes.filter((event) => event.month === month))
        await ok(
          call('POST', `/cycles/${cycleId}/vetoes`, {
            actor: assessor,
            body: { unitId: veto.unit, month, reason: veto.reason, evidence: 'inspection report' },
          }),
        );
      const monthReports = monthReportsOf(scenario.reports, month, scenario.indicators);
      const reporting = scenario.units.filter((unit) => monthReports[unit.id]);
      const fromRound: Array<{ unit: string; indicatorId: string }> = [];
      for (const unit of reporting) {
        const values = monthReports[unit.id]!;
        const base = `/cycles/${cycleId}/units/${unit.id}/reports/${month}`;
        const reported = Object.fromEntries(Object.entries(values).filter(([indicator]) => !manual.has(indicator)));
        await ok(call('PUT', base, { actor: reporterOf(unit.id), body: { values: reported, submit: true } }));
        await ok(call('POST', `${base}/confirmation`, { actor: headOf(unit.id), body: { decision: 'confirm' } }));
        for (const indicatorId of Object.keys(values).filter((indicator) => manual.has(indicator))) {
          const written = raw[unit.id]?.[String(month)]?.[indicatorId];
          if (written && typeof written === 'object') fromRound.push({ unit: unit.id, indicatorId });
          // A number: the round got no rating (or the month is not rated); an assessor rates as before.
          else
            await ok(
              call('POST', `${base}/ratings`, { actor: assessor, body: { indicatorId, value: values[indicatorId] } }),
            );
        }
      }
      if (roundMonths.has(month)) {
        const round = `/cycles/${cycleId}/rating-rounds/${month}`;
        await eventually(async () =>
          (await call('GET', round, { actor: assessor })).status === 200 ? true : undefined,
        );
        for (const { unit, indicatorId } of fromRound) {
          const { ratings } = raw[unit]![String(month)]![indicatorId] as { ratings: Ratings };
          for (const [group, raters] of Object.entries(ratings))
            for (const [rater, score] of Object.entries(raters)) {
              await ok(call('PUT', `${round}/ratings`, { actor: raterOf(group, rater), body: { indicatorId, score } }));
              ratingsGiven += 1;
            }
        }
        await ok(call('POST', `${round}/close`, { actor: assessor }));
        // The round writes each value into the unit's report; the month waits for it like for reviews.
        for (const { unit, indicatorId } of fromRound)
          await eventually(
            async () => {
              const report = await call('GET', `/cycles/${cycleId}/units/${unit}/reports/${month}`, {
                actor: assessor,
              });
              return (report.body.ratings as Record<string, number> | undefined)?.[indicatorId] === undefined
                ? undefined
                : true;
            },
            { timeoutMs: 30_000 },
          );
      }
      for (const unit of reporting)
        await ok(
          call('POST', `/cycles/${cycleId}/units/${unit.id}/reports/${month}/review`, {
            actor: assessor,
            body: { decision: 'approve' },
          }),
        );
      await finishMonth(system, cycleId, month);
    }
    await expectYearAsSimulated(system, cycleId, scenario.units.length, expected);
    expect(
      Number((await suite.db.query('SELECT count(*) AS n FROM ratings WHERE cycle_id = $1', [cycleId])).rows[0].n),
    ).toBe(ratingsGiven);
    // 视为不合格 where the example has it: the ranking says where and why.
    const failed: string[] = [];
    for (const month of roundMonths) {
      const ranking = await ok(call('GET', `/cycles/${cycleId}/months/${month}/ranking`, { actor: assessor }));
      for (const unit of ranking.units as Array<{
        unit: string;
        indicators: Array<{ indicator: string; deemedFailed?: unknown }>;
      }>)
        for (const row of unit.indicators) if (row.deemedFailed) failed.push(`${month}:${row.indicator}`);
    }
    process.stdout.write(`[ratings-year] ${ratingsGiven} ratings; deemed failed: ${failed.join(', ') || 'none'}\n`);
    expect(failed.length).toBeGreaterThan(0);
  }, 600_000);
});
