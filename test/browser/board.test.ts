import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/jiebang';
import { monthOneEndingAt, tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';
import { checkPage, launchChromium, PHONE, signedIn } from './support/browser';

const { assessor, leadership, headOf, reporterOf } = ACTORS;

/** Month 1's cumulative investment: H_1 = 2000, S_1 = 1000, so u-b is green, u-c yellow (d 92), u-a red (d 60). */
const MONTH_ONE = { 'u-a': 1000, 'u-b': 2500, 'u-c': 1800 } as const;

/** The light each unit's row shows on the board, by unit id. */
async function lightsOnBoard(page: Page): Promise<Record<string, string[]>> {
  const rows = page.locator('.jiebang-lights[data-unit]');
  await rows.first().waitFor();
  const lights: Record<string, string[]> = {};
  for (const row of await rows.all()) {
    const unit = (await row.getAttribute('data-unit'))!;
    lights[unit] = await row
      .locator('[data-light]')
      .evaluateAll((marks) => marks.map((mark) => mark.getAttribute('data-light') ?? ''));
  }
  return lights;
}

describe('the board (挂图作战) in a browser', () => {
  let suite: JiebangSuite;
  let browser: Browser;
  let cycleId: string;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  const person = (actor: { user: string; roles: string[]; unit?: string }, viewport?: typeof PHONE) =>
    signedIn(browser, suite.baseUrl, suite.stack.databaseUrl, actor, viewport);

  beforeAll(async () => {
    [suite, browser] = await Promise.all([startJiebangSuite('board-browser-suite'), launchChromium()]);
    const scenario = tinyScenario('挂图作战示范', {
      calendar: { periods: monthOneEndingAt(Date.now() + 8_000) },
      reportWindow: '600s',
      reviewDeadline: '600s',
      appealWindow: '1s',
      reminderOffsets: [],
    });
    (scenario.units as Array<Record<string, unknown>>).push({ id: 'u-c', name: '区财政局', category: 'econ' });
    const indicators = scenario.indicators as Array<Record<string, unknown>>;
    indicators.push({ ...indicators[0], id: 'u-c-invest', unit: 'u-c' });
    const imported = await call('POST', '/cycles', { actor: assessor, body: scenario });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
    for (const [unit, value] of Object.entries(MONTH_ONE)) {
      expect((await call('POST', `/cycles/${cycleId}/units/${unit}/pledge`, { actor: headOf(unit) })).status).toBe(200);
      const base = `/cycles/${cycleId}/units/${unit}/reports/1`;
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
      expect(
        (await call('POST', `${base}/confirmation`, { actor: headOf(unit), body: { decision: 'confirm' } })).status,
      ).toBe(200);
      expect((await call('POST', `${base}/review`, { actor: assessor, body: { decision: 'approve' } })).status).toBe(
        200,
      );
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
    await browser?.close();
    await suite?.stop();
  });

  it('shows LEADERSHIP the final month with its lights, the lagging unit and the bulletin to write', async () => {
    const { context, page } = await person(leadership);
    await page.goto(`${suite.baseUrl}/board?month=1`);
    expect(await lightsOnBoard(page)).toEqual({ 'u-b': ['green'], 'u-c': ['yellow'], 'u-a': ['red'] });
    await expect.poll(() => page.locator('[data-lagging]').getAttribute('data-lagging')).toBe('u-a');
    await page.getByTestId('bulletin-draft').waitFor();
    await expect.poll(() => page.getByTestId('board-summary').textContent()).toContain('绿灯 1 · 黄灯 1 · 红灯 1');
    await checkPage(page, 'board-final');

    // The year page: month 1 side by side per unit, coloured by rank.
    await page.goto(`${suite.baseUrl}/year`);
    const cells = page.locator('[data-heat][data-month="1"]');
    await cells.first().waitFor();
    expect(
      await cells.evaluateAll((links) => links.map((link) => `${link.textContent}:${link.getAttribute('data-heat')}`)),
    ).toEqual(['3!:red', '1:green', '2:yellow']);
    await checkPage(page, 'year');
    await context.close();
  });

  it('shows the published month to a unit head at phone width, and on a wall screen without menus', async () => {
    const published = await call('POST', `/cycles/${cycleId}/months/1/bulletin`, {
      actor: leadership,
      body: { opening: '现将一月份考核情况通报如下。' },
    });
    expect(published.status, JSON.stringify(published.body)).toBe(200);

    const { context, page } = await person(headOf('u-a'), PHONE);
    await page.goto(`${suite.baseUrl}/board?month=1`);
    expect(await lightsOnBoard(page)).toEqual({ 'u-b': ['green'], 'u-c': ['yellow'], 'u-a': ['red'] });
    await page.locator('[data-board-status="published"]').waitFor();
    await page.getByTestId('bulletin-versions').getByRole('button', { name: '下载' }).waitFor();
    await checkPage(page, 'board-published');

    await page.goto(`${suite.baseUrl}/board?month=1&wall=1`);
    await page.getByTestId('board-wall').waitFor();
    expect(await lightsOnBoard(page)).toEqual({ 'u-b': ['green'], 'u-c': ['yellow'], 'u-a': ['red'] });
    expect(await page.locator('.ant-pro-layout').count()).toBe(0);
    await checkPage(page, 'board-wall');
    await context.close();
  });

  it('opens the public link signed out, and stops showing the board once the link is revoked', async () => {
    const made = await call('POST', `/cycles/${cycleId}/months/1/public-link`, { actor: leadership });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(`${suite.baseUrl}${String(made.body.path)}`);
    await page.getByTestId('public-board').waitFor();
    const rows = page.locator('.jiebang-lights[data-unit-name]');
    await rows.first().waitFor();
    const lights = await rows.evaluateAll((marks) =>
      marks.map(
        (mark) =>
          `${mark.getAttribute('data-unit-name')}:${mark.querySelector('[data-light]')?.getAttribute('data-light')}`,
      ),
    );
    expect(lights).toEqual(['区商务局:green', '区财政局:yellow', '区发改局:red']);
    expect(await page.getByLabel('用户名').count()).toBe(0);
    await checkPage(page, 'board-public');

    expect((await call('DELETE', `/cycles/${cycleId}/months/1/public-link`, { actor: leadership })).body).toEqual({
      revoked: 1,
    });
    await page.reload();
    await page.getByText('此公开链接不存在或已撤销').waitFor();
    expect(await page.locator('[data-light]').count()).toBe(0);
    await context.close();
  });

  it("turns the district's public links off and on again in the browser, refusing new links in Chinese while off", async () => {
    const [chief, officer] = await Promise.all([person(leadership), person(assessor)]);
    const outsider = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const reader = await outsider.newPage();
    const linksCard = (page: Page) => page.getByTestId('board-public-link');
    const switchOf = (page: Page) => page.getByRole('switch', { name: '本区公开链接' });
    const makeLink = async (page: Page) => {
      await linksCard(page).getByRole('button', { name: '生成公开链接' }).click();
      return (await page.getByTestId('board-public-url').textContent())!.trim();
    };
    /** The board of a public link, signed out: its units and lights in rank order. */
    const publicLights = async (url: string) => {
      await reader.goto(url);
      const rows = reader.locator('.jiebang-lights[data-unit-name]');
      await rows.first().waitFor();
      return rows.evaluateAll((marks) => marks.map((mark) => mark.getAttribute('data-unit-name')));
    };

    // LEADERSHIP makes a link in the page, which opens signed out; the assessor's page is open meanwhile.
    await Promise.all([chief, officer].map(({ page }) => page.goto(`${suite.baseUrl}/board?month=1`)));
    await expect.poll(() => switchOf(officer.page).getAttribute('aria-checked')).toBe('true');
    const first = await makeLink(chief.page);
    expect(await publicLights(first)).toEqual(['区商务局', '区财政局', '区发改局']);

    // Off: the link opened signed out no longer shows the board, and says so.
    await switchOf(chief.page).click();
    await linksCard(chief.page).getByText('本区公开链接已关闭：已有链接均已失效，不能新建').waitFor();
    expect(await linksCard(chief.page).getByRole('button', { name: '生成公开链接' }).isDisabled()).toBe(true);
    await reader.reload();
    await reader.getByText('此公开链接不存在或已撤销').waitFor();
    expect(await reader.locator('[data-light]').count()).toBe(0);

    // The assessor's page still shows the switch on: making a link is refused, in Chinese.
    await linksCard(officer.page).getByRole('button', { name: '生成公开链接' }).click();
    const refusal = officer.page.locator('[data-refusal="PUBLIC_LINKS_OFF"]');
    await refusal.waitFor();
    const said = (await refusal.textContent())!;
    expect(said).toContain('本区已关闭公开链接');
    expect(said).toContain('1月的公开链接未生成');
    expect(said).not.toMatch(/switched off|Public board links/);
    // ...and the page reads the switch again, which shows it off.
    await expect.poll(() => switchOf(officer.page).getAttribute('aria-checked')).toBe('false');

    // On again: a new link works signed out; the one revoked by switching off stays revoked.
    await switchOf(chief.page).click();
    await linksCard(chief.page).getByText('本区公开链接已开启').waitFor();
    const second = await makeLink(chief.page);
    expect(second).not.toBe(first);
    expect(await publicLights(second)).toEqual(['区商务局', '区财政局', '区发改局']);
    await reader.goto(first);
    await reader.getByText('此公开链接不存在或已撤销').waitFor();

    await Promise.all([chief.context.close(), officer.context.close(), outsider.close()]);
  });
});
