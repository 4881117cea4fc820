import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/jiebang';
import { monthOneEndingAt } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';
import { expectAccessible, launchChromium, PHONE, signedIn } from './support/browser';

const CYCLE_KEY = 'jiebang.cycle';
const member = { user: 'xc1', roles: ['DISCIPLINE'] };

/** 评议打分 on a phone: a panel member rates every unit on one screen, each score saved as entered. */
describe('the rating page on a phone', () => {
  let suite: JiebangSuite;
  let browser: Browser;
  let cycleId: string;

  beforeAll(async () => {
    [suite, browser] = await Promise.all([startJiebangSuite('rating-browser-suite'), launchChromium()]);
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
      raters: [
        { group: 'peers', weight: 0.5 },
        { group: 'panel:巡察组', weight: 0.5 },
      ],
      ratedMonths: [1],
    });
    const imported = await suite.call('POST', '/cycles', {
      actor: ACTORS.assessor,
      body: {
        format: 'jiebang-scenario/1',
        name: 'Phone rating district',
        year: 2026,
        policy: {
          calendar: { periods: monthOneEndingAt(Date.now() + 5_000) },
          reportWindow: '600s',
          ratingDeadline: '600s',
          panels: { 巡察组: ['xc1', 'xc2'] },
        },
        categories: [{ id: 'town', name: '乡镇街道' }],
        units: [
          { id: 'u-a', name: '东城街道', category: 'town' },
          { id: 'u-b', name: '西城街道', category: 'town' },
        ],
        indicators: [satisfaction('u-a'), satisfaction('u-b')],
        reports: {},
        vetoes: [],
      },
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
    await eventually(async () =>
      (await suite.call('GET', `/cycles/${cycleId}/rating-rounds/1`, { actor: member })).status === 200
        ? true
        : undefined,
    );
  });

  afterAll(async () => {
    await browser?.close();
    await suite?.stop();
  });

  it('lists every unit with a 0–100 input, saves each score as it is entered, and shows the progress', async () => {
    const { context, page } = await signedIn(browser, suite.baseUrl, suite.stack.databaseUrl, member, PHONE);
    await context.addInitScript({
      content: `localStorage.setItem(${JSON.stringify(CYCLE_KEY)}, ${JSON.stringify(cycleId)})`,
    });
    await page.goto(`${suite.baseUrl}/rating-rounds/1`);
    const mine = page.getByTestId('rating-mine');
    await mine.waitFor();
    for (const [name, score] of [
      ['东城街道', '88.5'],
      ['西城街道', '91'],
    ] as const) {
      const input = mine.getByLabel(name);
      await input.fill(score);
      await input.blur();
    }
    await expect.poll(() => mine.getByText('已保存').count()).toBe(2);
    const stored = await suite.db.query(
      'SELECT indicator_id, rater_group, rater, score FROM ratings WHERE cycle_id = $1 ORDER BY indicator_id',
      [cycleId],
    );
    expect(stored.rows).toEqual([
      { indicator_id: 'u-a-sat', rater_group: 'panel:巡察组', rater: 'xc1', score: 88.5 },
      { indicator_id: 'u-b-sat', rater_group: 'panel:巡察组', rater: 'xc1', score: 91 },
    ]);
    await page.reload();
    await expect.poll(() => mine.getByLabel('东城街道').inputValue()).toBe('88.5');
    await expectAccessible(page, 'rating-phone');
    await context.close();

    // The assessor sees the round's progress per group, and who has not rated yet.
    const assessor = await signedIn(browser, suite.baseUrl, suite.stack.databaseUrl, ACTORS.assessor, PHONE);
    await assessor.context.addInitScript({
      content: `localStorage.setItem(${JSON.stringify(CYCLE_KEY)}, ${JSON.stringify(cycleId)})`,
    });
    await assessor.page.goto(`${suite.baseUrl}/rating-rounds/1`);
    const progress = assessor.page.getByTestId('rating-progress');
    // Groups by their words, a peer that has not rated by its unit's name.
    await progress.getByText('巡察组: 1 / 2 · 未评: xc2').first().waitFor();
    // The peer's unit is named once the names are read: waited for, not counted at once.
    await progress.getByText('交叉考核: 0 / 1 · 未评: 西城街道').first().waitFor();
    expect(await progress.textContent()).not.toMatch(/peers|panel:/);
    await assessor.context.close();
  });

  it('lets a panel member rate on a phone through a personal link, signed out, once; then the link refuses', async () => {
    const made = await suite.call('POST', `/cycles/${cycleId}/rating-rounds/1/links`, {
      actor: ACTORS.assessor,
      body: { panel: '巡察组', members: ['xc2'] },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const [link] = made.body.links as Array<{ path: string }>;
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(`${suite.baseUrl}${link.path}`);
    const mine = page.getByTestId('rating-mine');
    await mine.waitFor();
    // Nobody is signed in: no sign-in form, no menu, only the member's units.
    expect(await page.getByTestId('signed-in-user').count()).toBe(0);
    for (const [name, score] of [
      ['东城街道', '77'],
      ['西城街道', '81.5'],
    ] as const) {
      const input = mine.getByLabel(name);
      await input.fill(score);
      await input.blur();
    }
    await expect.poll(() => mine.getByText('已保存').count()).toBe(2);
    await expectAccessible(page, 'rating-link-phone');
    await page.getByTestId('rating-submit').click();
    // The confirmation says the ratings will be final; its own 提交评分 sends them.
    const confirm = page.locator('.ant-popconfirm');
    await confirm.getByText('提交后不能再修改').waitFor();
    await confirm.getByRole('button', { name: '提交评分' }).click();
    await page.getByTestId('rating-link-done').waitFor();
    const stored = await suite.db.query(
      `SELECT indicator_id, rater, score, rated_by FROM ratings WHERE cycle_id = $1 AND rater = 'xc2' ORDER BY indicator_id`,
      [cycleId],
    );
    expect(stored.rows).toEqual([
      { indicator_id: 'u-a-sat', rater: 'xc2', score: 77, rated_by: 'xc2' },
      { indicator_id: 'u-b-sat', rater: 'xc2', score: 81.5, rated_by: 'xc2' },
    ]);
    // Opened again (the link replayed after submission): refused, with the reason.
    await page.reload();
    await page.locator('[data-refusal="RATING_SUBMITTED"]').waitFor();
    await context.close();
  });
});
