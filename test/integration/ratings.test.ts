import ExcelJS from 'exceljs';
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
/** 群众代表 qz1 has an account that can only rate; qz2 has none and rates through a personal link. */
const rater = { user: 'qz1', roles: ['RATER'] };

/** What the residents' representatives give u-b: qz1 signed in, qz2 through the link. */
const RESIDENTS = { qz1: 55.17, qz2: 58.91 } as const;
/** What xc2 gave u-b on paper, entered by an assessor from the ratings workbook. */
const ON_PAPER = 64.43;

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
    for (const actor of [headOf('u-a'), headOf('u-b'), headOf('u-c'), headOf('u-x'), rater, ...PATROL.map(panelMember)])
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

  it('lets a RATER account see its task and rate, and nothing else; its ratings are submitted once', async () => {
    const tasks = await call('GET', `/tasks?cycleId=${encodeURIComponent(cycleId)}`, { actor: rater });
    expect(tasks.status).toBe(200);
    expect(tasks.body.tasks).toEqual([expect.objectContaining({ step: 'rating.rate', month: 1, cycleId })]);
    const view = await call('GET', round(), { actor: rater });
    expect(view.status).toBe(200);
    expect(
      (view.body.mine as Array<{ unitName: string; group: string }>).map((item) => [item.unitName, item.group]),
    ).toEqual([
      ['东城街道', 'panel:群众代表'],
      ['西城街道', 'panel:群众代表'],
      ['南湖镇', 'panel:群众代表'],
    ]);
    // Every other route refuses a RATER: the cycle, its units, rankings, messages, the audit trail.
    for (const path of [
      '/cycles',
      `/cycles/${cycleId}`,
      `/cycles/${cycleId}/units/u-b`,
      `/cycles/${cycleId}/units/u-b/reports/1`,
      `/cycles/${cycleId}/months/1/ranking`,
      '/messages',
      '/audit',
      `${round()}/links`,
    ])
      expect((await call('GET', path, { actor: rater })).status, path).toBe(403);
    expect(
      (await call('POST', `${round()}/reminders`, { actor: rater, body: { pressId: 'rater-press' } })).status,
    ).toBe(403);

    const before = await count();
    // Nothing rated yet: nothing to submit.
    expect((await call('POST', `${round()}/submission`, { actor: rater })).body).toMatchObject({ statusCode: 400 });
    expect((await rate(rater, 'u-b-sat', 50)).status).toBe(200);
    expect((await rate(rater, 'u-b-sat', RESIDENTS.qz1)).status).toBe(200);
    const submitted = await call('POST', `${round()}/submission`, { actor: rater });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.submittedAt).toEqual(expect.any(String));
    // Submitted: a change, a first rating of another unit, a second submission are refused.
    for (const [indicatorId, score] of [
      ['u-b-sat', 99],
      ['u-a-sat', 80],
    ] as const)
      expect((await rate(rater, indicatorId, score)).body).toMatchObject({ statusCode: 409, code: 'RATING_SUBMITTED' });
    expect((await call('POST', `${round()}/submission`, { actor: rater })).body).toMatchObject({
      code: 'RATING_SUBMITTED',
    });
    expect(await count()).toBe(before + 1);
    // Done: no more task.
    expect((await call('GET', `/tasks?cycleId=${encodeURIComponent(cycleId)}`, { actor: rater })).body.tasks).toEqual(
      [],
    );
  });

  it('gives a panel member without an account a personal link that rates once and then refuses', async () => {
    const links = (body: unknown, actor = assessor) => call('POST', `${round()}/links`, { actor, body });
    // Only assessors and administrators make links; only members of a panel of the month get one.
    expect((await links({ panel: '群众代表' }, headOf('u-a'))).status).toBe(403);
    expect((await links({ panel: '群众代表', members: ['xc1'] })).body).toMatchObject({ statusCode: 400 });
    expect((await links({ panel: '不存在' })).body).toMatchObject({ statusCode: 400 });
    expect((await links({ panel: '群众代表', extra: 1 })).body).toMatchObject({ statusCode: 400 });
    const made = await links({ panel: '群众代表', members: ['qz2'] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const [link] = made.body.links as Array<{ linkId: string; member: string; token: string; path: string }>;
    expect(link).toMatchObject({ member: 'qz2', path: `/rate/${encodeURIComponent(cycleId)}/1/${link.token}` });
    // Only its digest is stored.
    const stored = await suite.db.query('SELECT token_sha256 FROM rating_links WHERE id = $1', [link.linkId]);
    expect(stored.rows[0].token_sha256).not.toContain(link.token);

    const byLink = (path = '', options: { method?: string; body?: unknown; month?: number; token?: string } = {}) =>
      call(
        options.method ?? 'GET',
        `/cycles/${cycleId}/rating-rounds/${options.month ?? 1}/link/${options.token ?? link.token}${path}`,
        {
          body: options.body,
        },
      );
    const opened = await byLink();
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body).toMatchObject({ member: 'qz2', panel: '群众代表', status: 'open', submittedAt: null });
    expect((opened.body.mine as unknown[]).length).toBe(3);
    // Another round's address, a forged token: refused with the reason, nothing stored.
    const before = await count();
    expect((await byLink('', { month: 2 })).body).toMatchObject({ statusCode: 403, code: 'RATING_LINK_OTHER_ROUND' });
    const forged = `${link.token.slice(0, -1)}${link.token.endsWith('A') ? 'B' : 'A'}`;
    expect((await byLink('', { token: forged })).body).toMatchObject({ statusCode: 404, code: 'RATING_LINK_UNKNOWN' });
    for (const score of [101, 'x'])
      expect((await byLink('/ratings', { method: 'PUT', body: { indicatorId: 'u-b-sat', score } })).body).toMatchObject(
        {
          statusCode: 400,
          code: 'INVALID_RATING',
        },
      );
    expect((await byLink('/ratings', { method: 'PUT', body: { indicatorId: 'u-x-invest', score: 70 } })).status).toBe(
      400,
    );
    expect(await count()).toBe(before);

    const rated = await byLink('/ratings', { method: 'PUT', body: { indicatorId: 'u-b-sat', score: RESIDENTS.qz2 } });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    expect((await byLink('/submission', { method: 'POST' })).status).toBe(200);
    // Replayed after submission: refused, and the score stands.
    expect((await byLink()).body).toMatchObject({ statusCode: 409, code: 'RATING_SUBMITTED' });
    expect(
      (await byLink('/ratings', { method: 'PUT', body: { indicatorId: 'u-b-sat', score: 10 } })).body,
    ).toMatchObject({
      statusCode: 409,
    });
    expect((await byLink('/submission', { method: 'POST' })).status).toBe(409);
    expect(await count()).toBe(before + 1);
    // The trail names the link; the rating is the member's.
    const trail = await suite.db.query(
      `SELECT actor_id, change FROM audit_log WHERE cycle_id = $1 AND action = 'rating.recorded' AND change->>'rater' = 'qz2'`,
      [cycleId],
    );
    expect(trail.rows).toEqual([
      expect.objectContaining({
        change: expect.objectContaining({ via: 'link', linkId: link.linkId, score: RESIDENTS.qz2 }),
      }),
    ]);

    // A revoked link refuses at once.
    const again = await links({ panel: '巡察组', members: ['xc5'] });
    const [second] = again.body.links as Array<{ linkId: string; token: string }>;
    expect((await byLink('', { token: second.token })).status).toBe(200);
    expect((await call('DELETE', `${round()}/links/${second.linkId}`, { actor: assessor })).status).toBe(200);
    expect((await byLink('', { token: second.token })).body).toMatchObject({
      statusCode: 410,
      code: 'RATING_LINK_REVOKED',
    });
    const list = await call('GET', `${round()}/links`, { actor: assessor });
    expect((list.body.links as Array<{ member: string }>).sort((a, b) => a.member.localeCompare(b.member))).toEqual([
      expect.objectContaining({ member: 'qz2', revokedAt: null, submittedAt: expect.any(String) }),
      expect.objectContaining({ member: 'xc5', revokedAt: expect.any(String), submittedAt: null }),
    ]);

    // The printable sheet: one QR code per member of the panel, each a new link (the old ones revoked).
    const sheet = await call('POST', `${round()}/links/sheet`, { actor: assessor, body: { panel: '巡察组' } });
    expect(sheet.status).toBe(201);
    expect(sheet.headers.get('content-type')).toContain('text/html');
    const html = sheet.bytes!.toString('utf8');
    expect(html.match(/<svg/g)?.length).toBe(PATROL.length);
    for (const member of PATROL) expect(html).toContain(`data-member="${member}"`);
  });

  it('reminds those who have not rated with one press, once per press', async () => {
    const press = (pressId: string) => call('POST', `${round()}/reminders`, { actor: assessor, body: { pressId } });
    expect((await press('x')).body).toMatchObject({ statusCode: 400 });
    const notices = async () =>
      Number(
        (
          await suite.db.query(`SELECT count(*) AS n FROM notifications WHERE cycle_id = $1 AND key LIKE '%:press:%'`, [
            cycleId,
          ])
        ).rows[0].n,
      );
    const first = await press('press-0001');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    // Nobody rated u-c: its peers' heads and every patrol member with an account; qz1 submitted, qz2 too.
    expect(first.body).toMatchObject({
      repeated: false,
      reminded: ['u-a', 'u-b', 'xc1', 'xc2', 'xc3', 'xc4', 'xc5'],
      notReached: [],
    });
    const sent = await notices();
    expect(sent).toBe(7);
    const second = await press('press-0001');
    expect(second.body).toMatchObject({ repeated: true, reminded: first.body.reminded });
    expect(await notices()).toBe(sent);
  });

  it("takes paper forms in as a workbook: each cell the member's rating, the uploader in the trail; a bad workbook stores nothing", async () => {
    const download = await call('GET', `${round()}/workbook`, { actor: assessor });
    expect(download.status).toBe(200);
    expect((await call('GET', `${round()}/workbook`, { actor: headOf('u-a') })).status).toBe(403);
    const filled = async (fill: (sheets: Map<string, ExcelJS.Worksheet>) => void) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(download.bytes! as unknown as ArrayBuffer);
      fill(new Map(workbook.worksheets.map((sheet) => [sheet.name, sheet])));
      return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    };
    const cellOf = (sheet: ExcelJS.Worksheet, indicatorId: string, member: string) => {
      const header = sheet.getRow(1).values as unknown[];
      const rows = sheet.getColumn(3).values as unknown[];
      return sheet.getCell(rows.indexOf(indicatorId), header.indexOf(member));
    };
    const upload = (bytes: Uint8Array) =>
      call('POST', `${round()}/workbook`, {
        actor: assessor,
        rawBody: bytes,
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      });
    // One sheet per panel, units as rows, members as columns, the stored scores filled in.
    const sheets = await filled(() => undefined).then(async (bytes) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      return workbook.worksheets;
    });
    expect(sheets.map((sheet) => sheet.name)).toEqual(['巡察组', '群众代表']);
    expect(cellOf(sheets[0], 'u-a-sat', 'xc4').value).toBe(85.39);
    expect(cellOf(sheets[1], 'u-b-sat', 'qz2').value).toBe(RESIDENTS.qz2);

    const before = await count();
    const bad = await upload(
      await filled((all) => {
        cellOf(all.get('巡察组')!, 'u-b-sat', 'xc2').value = ON_PAPER;
        cellOf(all.get('巡察组')!, 'u-b-sat', 'xc3').value = 101;
        all.get('巡察组')!.getCell(1, 10).value = 'stranger';
      }),
    );
    expect(bad.body).toMatchObject({ statusCode: 400, code: 'WORKBOOK_INVALID' });
    expect((bad.body.details as Array<{ cell: string }>).map((problem) => problem.cell)).toEqual([
      '巡察组!J1',
      '巡察组!G3',
    ]);
    // qz1 submitted: a form for it is refused and nothing of the workbook is stored.
    const submitted = await upload(
      await filled((all) => {
        cellOf(all.get('巡察组')!, 'u-b-sat', 'xc2').value = ON_PAPER;
        cellOf(all.get('群众代表')!, 'u-a-sat', 'qz1').value = 70;
      }),
    );
    expect(submitted.body).toMatchObject({ statusCode: 409, code: 'RATING_SUBMITTED' });
    expect(await count()).toBe(before);

    const taken = await upload(await filled((all) => (cellOf(all.get('巡察组')!, 'u-b-sat', 'xc2').value = ON_PAPER)));
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    // The stored scores already there count as re-entered (unchanged); xc2's u-b is new.
    expect(await count()).toBe(before + 1);
    const trail = await suite.db.query(
      `SELECT actor_id, change FROM audit_log
        WHERE cycle_id = $1 AND action = 'rating.recorded' AND change->>'via' = 'workbook' AND change->>'indicatorId' = 'u-b-sat'
          AND change->>'rater' = 'xc2'`,
      [cycleId],
    );
    expect(trail.rows).toEqual([
      expect.objectContaining({ actor_id: assessor.user, change: expect.objectContaining({ score: ON_PAPER }) }),
    ]);
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
    expect(await count()).toBe(13);

    const expectedA = combineRatings(RATERS, GIVEN['u-a-sat'])!;
    const expectedB = combineRatings(RATERS, {
      peers: GIVEN['u-b-sat'].peers,
      'panel:巡察组': { ...GIVEN['u-b-sat']['panel:巡察组'], xc2: ON_PAPER },
      'panel:群众代表': RESIDENTS,
    })!;
    const values = Object.fromEntries(
      (closed.indicators as Array<{ indicatorId: string; value: number | null }>).map((item) => [
        item.indicatorId,
        item.value,
      ]),
    );
    expect(values).toEqual({ 'u-a-sat': expectedA, 'u-b-sat': expectedB, 'u-c-sat': null });
    // 视为不合格 where it applies, with the bar.
    const failed = (closed.indicators as Array<{ indicatorId: string; deemedFailed: boolean; failBelow: number }>).map(
      (item) => [item.indicatorId, item.deemedFailed, item.failBelow],
    );
    expect(failed).toEqual([
      ['u-a-sat', false, FAIL_BELOW],
      ['u-b-sat', true, FAIL_BELOW],
      ['u-c-sat', false, FAIL_BELOW],
    ]);
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
    // And each panel member with an account by name (none rated u-c before the scheduled reminder); qz2 has none.
    const members = await suite.db.query(
      `SELECT DISTINCT recipient_user_id FROM notifications
        WHERE cycle_id = $1 AND key LIKE 'rating-round:%' AND recipient_user_id IS NOT NULL ORDER BY 1`,
      [cycleId],
    );
    // qz1 is reminded only if the scheduled reminder came before it submitted; qz2 has no account.
    expect(
      members.rows
        .map((row: { recipient_user_id: string }) => row.recipient_user_id)
        .filter((id: string) => id !== 'qz1'),
    ).toEqual(PATROL);
    const done = await call('GET', `/tasks?cycleId=${encodeURIComponent(cycleId)}`, { actor: panelMember('xc1') });
    expect(done.body.tasks).toEqual([]);
  });
});
