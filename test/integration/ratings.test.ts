import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combineRatings, deemedFailed, type RaterGroup } from '@jiebang/domain';
import { eventually, startWorker, type ActorHeaders } from '../support/jiebang';
import { monthOneEndingAt } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';

const { admin, assessor, headOf } = ACTORS;

const RATERS: RaterGroup[] = [
  { group: 'peers', weight: 0.3 },
  { group: 'panel:巡察组', weight: 0.3 },
  { group: 'panel:群众代表', weight: 0.4 },
];
const FAIL_BELOW = 72;
const PATROL = ['xc1', 'xc2', 'xc3', 'xc4', 'xc5'];
const panelMember = (user: string) => ({ user, roles: ['DISCIPLINE'] });

/** What each rater gives; every score is odd enough that finding it in a response can only mean a leak. */
const GIVEN = {
  'u-a-sat': {
    peers: { 'u-b': 70.81, 'u-c': 82.43 },
    'panel:巡察组': { xc1: 97.71, xc2: 71.23, xc3: 86.17, xc4: 85.39, xc5: 87.37 },
  },
  'u-b-sat': { peers: { 'u-a': 60.07, 'u-c': 65.53 }, 'panel:巡察组': { xc1: 61.29 } },
} as const;

/**
 * Rating rounds (评议) live: peers and a panel rate over HTTP while a second panel stays silent,
 * the worker restarts mid-round, the round closes by itself and writes libs/domain's value into
 * each unit's report; refusals store nothing and no endpoint a unit can call shows a score.
 */
describe('a rating round through HTTP, Temporal and Postgres', () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  const count = async () =>
    Number((await suite.db.query('SELECT count(*) AS n FROM ratings WHERE cycle_id = $1', [cycleId])).rows[0].n);
  let cycleId: string;
  const round = () => `/cycles/${cycleId}/rating-rounds/1`;
  const rate = (actor: ActorHeaders, indicatorId: string, score: unknown) =>
    call('PUT', `${round()}/ratings`, { actor, body: { indicatorId, score } });

  beforeAll(async () => {
    suite = await startJiebangSuite('ratings-suite');
    const satisfaction = (unit: string) => ({
      id: `${unit}-sat`,
      unit,
      name: '群众满意度',
      dimension: '群众满意度',
      direction: 'increase',
      measure: 'rate',
      weight: 100,
      satisfactory: 90,
      disallowed: 60,
      raters: RATERS,
      ratedMonths: [1],
      failBelow: FAIL_BELOW,
    });
    const scenario = {
      format: 'jiebang-scenario/1',
      name: 'Rated district',
      year: 2026,
      policy: {
        calendar: { periods: monthOneEndingAt(Date.now() + 8_000) },
        reportWindow: '300s',
        ratingDeadline: '45s',
        reminderOffsets: ['30s'],
        panels: { 巡察组: PATROL, 群众代表: ['qz1', 'qz2'] },
      },
      categories: [
        { id: 'town', name: '乡镇街道' },
        { id: 'econ', name: '经济部门' },
      ],
      units: [
        { id: 'u-a', name: '东城街道', category: 'town' },
        { id: 'u-b', name: '西城街道', category: 'town' },
        { id: 'u-c', name: '南湖镇', category: 'town' },
        { id: 'u-x', name: '区发改局', category: 'econ' },
      ],
      indicators: [
        satisfaction('u-a'),
        satisfaction('u-b'),
        satisfaction('u-c'),
        {
          id: 'u-x-invest',
          unit: 'u-x',
          name: '固定资产投资',
          dimension: '项目建设',
          direction: 'increase',
          measure: 'cumulative',
          weight: 100,
          satisfactory: 24000,
          disallowed: 12000,
        },
      ],
      reports: {},
      vetoes: [],
    };
    const imported = await call('POST', '/cycles', { actor: assessor, body: scenario });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
    // Sign everyone in before the round opens, so the round's time goes to rating.
    for (const actor of [headOf('u-a'), headOf('u-b'), headOf('u-c'), headOf('u-x'), ...PATROL.map(panelMember)])
      expect((await call('GET', '/auth/me', { actor })).status).toBe(200);
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it('opens with the month and gives each rater the units they rate, never their own', async () => {
    const opened = await eventually(async () => {
      const response = await call('GET', round(), { actor: headOf('u-b') });
      return response.status === 200 ? response.body : undefined;
    });
    expect(opened).toMatchObject({ status: 'open', month: 1 });
    expect((opened.mine as Array<{ unitId: string }>).map((item) => item.unitId)).toEqual(['u-a', 'u-c']);
    const patrol = await call('GET', round(), { actor: panelMember('xc1') });
    expect(
      (patrol.body.mine as Array<{ unitId: string; group: string }>).map((item) => [item.unitId, item.group]),
    ).toEqual([
      ['u-a', 'panel:巡察组'],
      ['u-b', 'panel:巡察组'],
      ['u-c', 'panel:巡察组'],
    ]);
    // 我的待办 lists the round, due when it closes.
    const tasks = await call('GET', `/tasks?cycleId=${encodeURIComponent(cycleId)}`, { actor: panelMember('xc1') });
    expect(tasks.body.tasks).toEqual([
      expect.objectContaining({ step: 'rating.rate', month: 1, dueAt: opened.closesAt, cycleId }),
    ]);
  });

  it('refuses a unit rating itself, a unit outside its group, a score out of range or not a number: nothing stored', async () => {
    const before = await count();
    const own = await rate(headOf('u-a'), 'u-a-sat', 80);
    expect(own.status).toBe(403);
    expect(String(own.body.message)).toContain('own unit');
    const outside = await rate(headOf('u-x'), 'u-a-sat', 80);
    expect(outside.status).toBe(403);
    for (const score of [101, -1, 'eighty', null])
      expect((await rate(headOf('u-b'), 'u-a-sat', score)).body).toMatchObject({
        statusCode: 400,
        code: 'INVALID_RATING',
      });
    expect((await rate(headOf('u-b'), 'u-x-invest', 80)).status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('takes the ratings, a changed one counting once, and loses none when the worker restarts', async () => {
    // u-a first gives u-b 90, then changes its mind.
    expect((await rate(headOf('u-a'), 'u-b-sat', 90)).status).toBe(200);
    for (const [indicatorId, groups] of Object.entries(GIVEN))
      for (const [group, raters] of Object.entries(groups))
        for (const [rater, score] of Object.entries(raters)) {
          const actor = group === 'peers' ? headOf(rater) : panelMember(rater);
          const response = await rate(actor, indicatorId, score);
          expect(response.status, JSON.stringify(response.body)).toBe(200);
        }
    expect(await count()).toBe(10);
    // The worker goes away mid-round and a new one takes over the round's timers.
    await suite.worker?.close();
    suite.worker = await startWorker(suite.config);
    const progress = await call('GET', round(), { actor: assessor });
    const ua = (progress.body.indicators as Array<Record<string, unknown>>).find((item) => item.unitId === 'u-a')!;
    expect(ua.groups).toEqual([
      { group: 'peers', rated: 2, expected: 2, notYet: [] },
      { group: 'panel:巡察组', rated: 5, expected: 5, notYet: [] },
      { group: 'panel:群众代表', rated: 0, expected: 2, notYet: ['qz1', 'qz2'] },
    ]);
    // The rated unit sees how many rated per group, never who has not.
    const seen = await call('GET', round(), { actor: headOf('u-a') });
    const own = (seen.body.indicators as Array<Record<string, unknown>>).find((item) => item.unitId === 'u-a')!;
    expect(own.groups).toEqual([
      { group: 'peers', rated: 2, expected: 2 },
      { group: 'panel:巡察组', rated: 5, expected: 5 },
      { group: 'panel:群众代表', rated: 0, expected: 2 },
    ]);
  });

  it('shows no individual score through any endpoint a unit can call; administrators find them in the audit trail', async () => {
    const document = (await call('GET', '/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const reads = Object.entries(document.paths)
      .filter(([, item]) => 'get' in item)
      .map(([template]) =>
        template
          .replace('{cycleId}', encodeURIComponent(cycleId))
          .replace('{unitId}', 'u-a')
          .replace('{month}', '1')
          .replace(/\{[^}]+\}/g, 'x'),
      );
    expect(reads).toContain(`/cycles/${encodeURIComponent(cycleId)}/rating-rounds/1`);
    // Scores others gave: u-a's own rating of u-b (60.07) it may see as its own.
    const secret = [...Object.values(GIVEN['u-a-sat']).flatMap((raters) => Object.values(raters)), 65.53, 61.29].map(
      String,
    );
    for (const actor of [headOf('u-a'), ACTORS.reporterOf('u-a')])
      for (const path of reads) {
        const response = await call('GET', path, { actor });
        const text = response.bytes?.toString('utf8') ?? '';
        for (const score of secret) expect(text.includes(score), `${path} shows ${score}`).toBe(false);
      }
    const audit = await call('GET', `/audit?cycleId=${encodeURIComponent(cycleId)}&limit=200`, { actor: admin });
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).toContain('"score":82.43');
  });

  it("closes by itself, refuses later ratings, and writes libs/domain's value into each report", async () => {
    const closed = await eventually(
      async () => {
        const response = await call('GET', round(), { actor: assessor });
        return response.body.status === 'closed' ? response.body : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 1_000 },
    );
    const late = await rate(headOf('u-c'), 'u-a-sat', 50);
    expect(late.body).toMatchObject({ statusCode: 409 });
    expect(await count()).toBe(10);

    const expectedA = combineRatings(RATERS, GIVEN['u-a-sat'])!;
    const expectedB = combineRatings(RATERS, GIVEN['u-b-sat'])!;
    const values = Object.fromEntries(
      (closed.indicators as Array<{ indicatorId: string; value: number | null }>).map((item) => [
        item.indicatorId,
        item.value,
      ]),
    );
    expect(values).toEqual({ 'u-a-sat': expectedA, 'u-b-sat': expectedB, 'u-c-sat': null });
    const reportRatings = async (unit: string) =>
      (await call('GET', `/cycles/${cycleId}/units/${unit}/reports/1`, { actor: assessor })).body.ratings as Record<
        string,
        number
      >;
    await eventually(async () => ((await reportRatings('u-b'))['u-b-sat'] !== undefined ? true : undefined));
    expect(await reportRatings('u-a')).toEqual({ 'u-a-sat': expectedA });
    expect(await reportRatings('u-b')).toEqual({ 'u-b-sat': expectedB });
    // Nobody rated u-c: nothing is sent, an assessor rates as before.
    expect(await reportRatings('u-c')).toEqual({});
    expect(deemedFailed({ failBelow: FAIL_BELOW }, expectedA)).toBe(false);
    expect(deemedFailed({ failBelow: FAIL_BELOW }, expectedB)).toBe(true);
    // Reminded before the deadline: the heads of u-a and u-b, who never rated u-c.
    const reminded = await suite.db.query(
      `SELECT DISTINCT unit_id FROM notifications
        WHERE cycle_id = $1 AND key LIKE 'rating-round:%' AND unit_id IS NOT NULL ORDER BY unit_id`,
      [cycleId],
    );
    expect(reminded.rows).toEqual([{ unit_id: 'u-a' }, { unit_id: 'u-b' }]);
    // And each patrol member by name (none rated u-c); 群众代表 have no account, so no notice.
    const members = await suite.db.query(
      `SELECT DISTINCT recipient_user_id FROM notifications
        WHERE cycle_id = $1 AND key LIKE 'rating-round:%' AND recipient_user_id IS NOT NULL ORDER BY 1`,
      [cycleId],
    );
    expect(members.rows.map((row: { recipient_user_id: string }) => row.recipient_user_id)).toEqual([
      'xc2',
      'xc3',
      'xc4',
      'xc5',
    ]);
    const done = await call('GET', `/tasks?cycleId=${encodeURIComponent(cycleId)}`, { actor: panelMember('xc1') });
    expect(done.body.tasks).toEqual([]);
  });
});
