import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView } from '@jiebang/contracts/http/board';
import type { BulletinVersionView } from '@jiebang/contracts/http/bulletin';
import { eventually } from '../support/jiebang';
import { startMailReceiver } from '../support/receivers';
import { monthOneEndingAt, tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';

const { admin, assessor, leadership, headOf, reporterOf } = ACTORS;

/** The subject of the mail that tells the units month 1's bulletin is out. */
const BULLETIN_MAIL = '【通报】1月考核通报已发布，请查阅';

/** Month 1's cumulative investment per unit: H_1 = 2000, S_1 = 1000, so u-b is green, u-c yellow (d 92), u-a red (d 60). */
const MONTH_ONE = { 'u-a': 1000, 'u-b': 2500, 'u-c': 1800 } as const;

/** The text of a PDF as pdftotext (poppler-utils) reads it. */
function pdfText(pdf: Buffer): string {
  const folder = mkdtempSync(join(tmpdir(), 'bulletin-'));
  try {
    writeFileSync(join(folder, 'bulletin.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(folder, 'bulletin.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('the board and the bulletin of a month', () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  let cycleId: string;
  let mail: Awaited<ReturnType<typeof startMailReceiver>> | undefined;
  /** The bulletin mails received so far, as `recipient link`. */
  const bulletinMails = () =>
    (mail?.mails ?? [])
      .filter((item) => item.subject === BULLETIN_MAIL)
      .map((item) => {
        const to = item.to && 'text' in item.to ? item.to.text : '';
        return `${to} ${/查阅链接：\S+(\/cycles\/\S+)/.exec(item.text ?? '')?.[1] ?? '(no link)'}`;
      })
      .sort();

  beforeAll(async () => {
    suite = await startJiebangSuite('board-bulletin-suite');
    const scenario = tinyScenario('挂图作战', {
      calendar: { periods: monthOneEndingAt(Date.now() + 8_000) },
      reportWindow: '600s',
      reviewDeadline: '600s',
      appealWindow: '1s',
      reminderOffsets: [],
    });
    const units = scenario.units as Array<Record<string, unknown>>;
    const indicators = scenario.indicators as Array<Record<string, unknown>>;
    units.push({ id: 'u-c', name: '区财政局', category: 'econ' });
    indicators.push({ ...indicators[0], id: 'u-c-invest', unit: 'u-c' });
    const imported = await call('POST', '/cycles', { actor: assessor, body: scenario });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
    for (const [unit, value] of Object.entries(MONTH_ONE)) {
      expect((await call('POST', `/cycles/${cycleId}/units/${unit}/pledge`, { actor: headOf(unit) })).status).toBe(200);
      const base = `/cycles/${cycleId}/units/${unit}/reports/1`;
      // The report window opens as month 1 ends.
      await eventually(
        async () => {
          const saved = await call('PUT', base, {
            actor: reporterOf(unit),
            body: { values: { [`${unit}-invest`]: value }, submit: true },
          });
          return saved.status === 200 ? saved : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      const confirmed = await call('POST', `${base}/confirmation`, {
        actor: headOf(unit),
        body: { decision: 'confirm' },
      });
      expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
      const reviewed = await call('POST', `${base}/review`, { actor: assessor, body: { decision: 'approve' } });
      expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    }
    await eventually(
      async () => {
        const ranking = await call('GET', `/cycles/${cycleId}/months/1/ranking`, { actor: assessor });
        return ranking.body.status === 'final' ? ranking : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
  }, 300_000);

  afterAll(async () => {
    await suite?.stop();
    await mail?.stop();
  });

  it('shows a final month to assessors and LEADERSHIP, with the lights, plan-to-date, gaps and lagging units', async () => {
    const response = await call('GET', `/cycles/${cycleId}/months/1/board`, { actor: assessor });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const board = response.body as unknown as BoardView;
    expect(board.status).toBe('final');
    const [econ] = board.categories;
    expect(econ!.units.map((unit) => [unit.name, unit.rank, unit.lagging, unit.indicators[0]!.light])).toEqual([
      ['区商务局', 1, false, 'green'],
      ['区财政局', 2, false, 'yellow'],
      ['区发改局', 3, true, 'red'],
    ]);
    const first = econ!.units[0]!;
    expect(first.movement).toBeNull();
    expect(first.strong).toEqual(['u-b-invest']);
    expect(econ!.units[2]!.weak).toEqual(['u-a-invest']);
    expect(first.indicators[0]).toMatchObject({
      planPercent: 125,
      actual: 2500,
      target: 24000,
      gap: { status: 'closing', gap: 21500, monthsLeft: 11 },
    });
    expect(board.counts).toEqual({ units: 3, lagging: 1, vetoed: 0, lights: { green: 1, yellow: 1, red: 1 } });
    expect(board.trends.units['u-b']).toEqual({ score: [first.score], rank: [1] });

    expect((await call('GET', `/cycles/${cycleId}/months/1/board`, { actor: leadership })).status).toBe(200);
  });

  it('shows the year so far side by side per unit to assessors and LEADERSHIP only', async () => {
    const year = await call('GET', `/cycles/${cycleId}/year`, { actor: leadership });
    expect(year.status, JSON.stringify(year.body)).toBe(200);
    expect(year.body.months).toEqual([{ month: 1, version: 1, status: 'final' }]);
    const [econ] = year.body.categories as Array<{ units: Array<{ unit: string; months: unknown[] }> }>;
    const ranks = Object.fromEntries(
      econ!.units.map((unit) => [
        unit.unit,
        unit.months.map((cell) => (cell as { rank: number } | null)?.rank ?? null),
      ]),
    );
    expect(ranks['u-b']).toEqual([1, ...Array<null>(11).fill(null)]);
    expect(ranks['u-a']![0]).toBe(3);
    expect((await call('GET', `/cycles/${cycleId}/year`, { actor: headOf('u-a') })).status).toBe(403);
  });

  it('keeps a month that is not published from unit people, and answers a bad month with a 400', async () => {
    const hidden = await call('GET', `/cycles/${cycleId}/months/1/board`, { actor: headOf('u-a') });
    expect(hidden.status).toBe(404);
    expect(hidden.body.message).toContain('not published');
    expect((await call('GET', `/cycles/${cycleId}/months/13/board`, { actor: assessor })).status).toBe(400);
    const nope = await call('GET', `/cycles/nope/months/1/board`, { actor: assessor });
    expect(nope.status).toBe(404);
    expect(nope.body).toMatchObject({ code: 'CYCLE_NOT_FOUND', params: { cycle: 'nope' } });
    expect((await call('GET', `/cycles/${cycleId}/months/2/board`, { actor: assessor })).status).toBe(404);
  });

  it('lets LEADERSHIP write the paragraphs and preview the bulletin; refuses others and bad text', async () => {
    const saved = await call('PUT', `/cycles/${cycleId}/months/1/bulletin/draft`, {
      actor: leadership,
      body: { opening: '现将一月份目标管理考核情况通报如下。', closing: '请各单位对照问题抓好整改。' },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const preview = await call('GET', `/cycles/${cycleId}/months/1/bulletin/preview`, { actor: leadership });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toContain('application/pdf');
    expect(pdfText(preview.bytes!)).toContain('预览（未公布）');

    expect((await call('GET', `/cycles/${cycleId}/months/1/bulletin/preview`, { actor: assessor })).status).toBe(403);
    const control = await call('PUT', `/cycles/${cycleId}/months/1/bulletin/draft`, {
      actor: leadership,
      body: { opening: 'bell\u0007' },
    });
    expect(control.status).toBe(400);
    const unknown = await call('PUT', `/cycles/${cycleId}/months/1/bulletin/draft`, {
      actor: leadership,
      body: { preface: 'x' },
    });
    expect(unknown.status).toBe(400);
  });

  it('publishes the month with its bulletin: the ranking in Chinese in rank order, archived with its checksum', async () => {
    // An e-mail channel to a real SMTP server, and an address for every unit person and the assessor.
    mail = await startMailReceiver();
    const channel = await call('POST', '/admin/channels', {
      actor: admin,
      body: {
        name: '邮件',
        kind: 'email',
        smtp: { host: '127.0.0.1', port: mail.port, secure: false, user: null, from: 'jiebang@district.example.cn' },
      },
    });
    expect(channel.status, JSON.stringify(channel.body)).toBe(201);
    for (const person of [assessor.user, ...['u-a', 'u-b', 'u-c'].flatMap((u) => [`head-${u}`, `reporter-${u}`])])
      await suite.db.query('UPDATE users SET email = $1 WHERE id = $2', [`${person}@district.example.cn`, person]);

    const published = await call('POST', `/cycles/${cycleId}/months/1/bulletin`, { actor: leadership });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const bulletin = published.body.bulletin as BulletinVersionView;
    expect(bulletin).toMatchObject({ version: 1, rankingVersion: 1, publishedBy: 'leader-1' });

    const listed = await call('GET', `/cycles/${cycleId}/months/1/bulletins`, { actor: headOf('u-a') });
    expect((listed.body as unknown as BulletinVersionView[]).map((item) => item.sha256)).toEqual([bulletin.sha256]);
    const downloaded = await call('GET', `/cycles/${cycleId}/months/1/bulletins/1`, { actor: headOf('u-a') });
    expect(downloaded.status).toBe(200);
    const digest = createHash('sha256').update(downloaded.bytes!).digest('hex');
    expect(digest).toBe(bulletin.sha256);
    expect(downloaded.headers.get('x-content-sha256')).toBe(digest);

    const text = pdfText(downloaded.bytes!);
    expect(text).toContain('挂图作战 第 1 月目标管理考核通报');
    expect(text).toContain('现将一月份目标管理考核情况通报如下。');
    expect(text).toContain('请各单位对照问题抓好整改。');
    expect(text).toContain('绿灯 1 项，黄灯 1 项，红灯 1 项');
    const order = ['区商务局', '区财政局', '区发改局'].map((name) => text.indexOf(name));
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(/3\s+区发改局\s+[\d.]+\s+—\s+0\/0\/1\s+落后/);
    expect(text).not.toContain('预览');

    // The delivery channels tell every unit person (heads and reporters), once, with the link of version 1.
    const link = `/cycles/${cycleId}/months/1/bulletins/1`;
    const unitPeople = ['u-a', 'u-b', 'u-c'].flatMap((u) => [`head-${u}`, `reporter-${u}`]);
    const expected = unitPeople.map((person) => `${person}@district.example.cn ${link}`).sort();
    await eventually(async () => (bulletinMails().length >= expected.length ? true : undefined), {
      timeoutMs: 30_000,
    });
    const messages = await call('GET', '/messages', { actor: headOf('u-a') });
    const [message] = (messages.body.messages as Array<{ title: string; link: string }>).filter((item) =>
      item.title.startsWith('【通报】'),
    );
    expect(message).toMatchObject({ title: BULLETIN_MAIL, link });
  });

  it('shows the published month to everyone signed in and keeps every issued version downloadable', async () => {
    const board = await call('GET', `/cycles/${cycleId}/months/1/board`, { actor: headOf('u-a') });
    expect(board.status).toBe(200);
    expect(board.body.status).toBe('published');

    const again = await call('POST', `/cycles/${cycleId}/months/1/bulletin`, { actor: leadership });
    expect(again.body.code).toBe('BULLETIN_ALREADY_PUBLISHED');
    const reissued = await call('POST', `/cycles/${cycleId}/months/1/bulletins`, {
      actor: leadership,
      body: { closing: '更正：请各单位于下月 5 日前报送整改情况。' },
    });
    expect(reissued.status, JSON.stringify(reissued.body)).toBe(201);
    expect(reissued.body.version).toBe(2);
    // The second version is announced too, once; the first is not announced again.
    const unitPeople = ['u-a', 'u-b', 'u-c'].flatMap((u) => [`head-${u}`, `reporter-${u}`]);
    const expected = [1, 2]
      .flatMap((version) =>
        unitPeople.map((person) => `${person}@district.example.cn /cycles/${cycleId}/months/1/bulletins/${version}`),
      )
      .sort();
    await eventually(async () => (bulletinMails().length >= expected.length ? true : undefined), {
      timeoutMs: 30_000,
    });
    await new Promise((done) => setTimeout(done, 1_000));
    expect(bulletinMails()).toEqual(expected);
    const notices = await suite.db.query(
      `SELECT key FROM notifications WHERE kind = 'bulletin' AND cycle_id = $1 ORDER BY key`,
      [cycleId],
    );
    expect(notices.rows.map((row: { key: string }) => row.key)).toEqual([
      `bulletin/${cycleId}/1/1`,
      `bulletin/${cycleId}/1/2`,
    ]);
    const first = await call('GET', `/cycles/${cycleId}/months/1/bulletins/1`, { actor: assessor });
    const second = await call('GET', `/cycles/${cycleId}/months/1/bulletins/2`, { actor: assessor });
    expect(pdfText(first.bytes!)).not.toContain('更正');
    expect(pdfText(second.bytes!)).toContain('更正：请各单位于下月 5 日前报送整改情况。');
    expect((await call('GET', `/cycles/${cycleId}/months/1/bulletins/3`, { actor: assessor })).status).toBe(404);
    expect((await call('GET', `/cycles/${cycleId}/months/1/bulletins/abc`, { actor: assessor })).status).toBe(400);
  });

  it('gives a published month a public read-only link that works signed out, names and figures only, until revoked', async () => {
    const made = await call('POST', `/cycles/${cycleId}/months/1/public-link`, { actor: leadership });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const token = String(made.body.token);
    expect(made.body.path).toBe(`/public/board/${token}`);

    const open = await call('GET', `/public/boards/${token}`);
    expect(open.status).toBe(200);
    const [econ] = open.body.categories as Array<{
      units: Array<{ name: string; indicators: Array<{ light: string }> }>;
    }>;
    expect(econ!.units.map((unit) => [unit.name, unit.indicators[0]!.light])).toEqual([
      ['区商务局', 'green'],
      ['区财政局', 'yellow'],
      ['区发改局', 'red'],
    ]);
    // Unit names and figures only: no ids, no accounts, no cycle id.
    const text = JSON.stringify(open.body);
    for (const hidden of ['u-a', 'u-b-invest', cycleId, 'leader-1']) expect(text).not.toContain(hidden);
    expect((await call('GET', `/cycles/${cycleId}/months/1/public-link`, { actor: assessor })).body.links).toHaveLength(
      1,
    );

    expect((await call('GET', `/public/boards/${token.slice(0, -1)}x`)).status).toBe(404);
    expect((await call('GET', '/public/boards/not-a-token')).status).toBe(404);
    const revoked = await call('DELETE', `/cycles/${cycleId}/months/1/public-link`, { actor: assessor });
    expect(revoked.body).toEqual({ revoked: 1 });
    expect((await call('GET', `/public/boards/${token}`)).status).toBe(404);
    expect((await call('POST', `/cycles/${cycleId}/months/1/public-link`, { actor: headOf('u-a') })).status).toBe(403);
  });

  it('lets the district switch public links off, which revokes every open one and refuses new ones, and on again', async () => {
    const before = await call('POST', `/cycles/${cycleId}/months/1/public-link`, { actor: assessor });
    expect(before.status).toBe(201);
    expect((await call('GET', '/settings/public-board-links', { actor: assessor })).body).toMatchObject({
      enabled: true,
    });

    expect(
      (await call('PUT', '/settings/public-board-links', { actor: assessor, body: { enabled: false } })).status,
    ).toBe(403);
    expect(
      (await call('PUT', '/settings/public-board-links', { actor: leadership, body: { enabled: 'no' } })).status,
    ).toBe(400);
    const off = await call('PUT', '/settings/public-board-links', { actor: leadership, body: { enabled: false } });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body).toMatchObject({ enabled: false, updatedBy: 'leader-1', revoked: 1 });
    expect((await call('GET', `/public/boards/${String(before.body.token)}`)).status).toBe(404);
    const refused = await call('POST', `/cycles/${cycleId}/months/1/public-link`, { actor: leadership });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('PUBLIC_LINKS_OFF');

    const on = await call('PUT', '/settings/public-board-links', { actor: admin, body: { enabled: true } });
    expect(on.body).toMatchObject({ enabled: true, updatedBy: 'admin-1', revoked: 0 });
    // The revoked link stays revoked; a new one works.
    expect((await call('GET', `/public/boards/${String(before.body.token)}`)).status).toBe(404);
    const after = await call('POST', `/cycles/${cycleId}/months/1/public-link`, { actor: assessor });
    expect((await call('GET', `/public/boards/${String(after.body.token)}`)).status).toBe(200);
    const audit = await suite.db.query(
      `SELECT change FROM audit_log WHERE action = 'board.links.switched' ORDER BY seq`,
    );
    expect(audit.rows.map((row: { change: unknown }) => row.change)).toEqual([
      { enabled: false, revoked: 1 },
      { enabled: true, revoked: 0 },
    ]);
  });

  it('refuses a public link to a month that is not published', async () => {
    const refused = await call('POST', `/cycles/${cycleId}/months/2/public-link`, { actor: leadership });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('not published');
  });
});
