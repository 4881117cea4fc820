import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/jiebang';
import { monthOneEndingAt, tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';
import { checkPage, DESKTOP, launchChromium, signedIn } from './support/browser';

const TASK_QUEUE = 'console-gaps-suite';
const { assessor, orgDept, headOf, reporterOf } = ACTORS;
/** Month 1 of the reporting district ends this long after the suite starts. */
const MONTH_ONE_ENDS_IN_MS = 8_000;
/** The year district's months: a whole year in about a minute, every report missed. */
const YEAR_MONTH_MS = 2_500;
const CYCLE_KEY = 'jiebang.cycle';

/** A scanned PDF and a photo, as the evidence check reads them (their first bytes name the type). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

describe('the console closes its gaps: names, Chinese explanations, evidence, the year, appeal corrections', () => {
  let suite: JiebangSuite;
  let browser: Browser;
  let cycleId: string;
  let yearCycleId: string;
  let monthOneEnds: number;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  const ok = async (response: Promise<{ status: number; body: unknown }>) => {
    const answer = await response;
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
    return answer.body as Record<string, unknown>;
  };

  /** A person signed in, looking at `cycle` (the year chooser remembers it), at `path`. */
  async function person(
    actor: { user: string; roles: string[]; unit?: string },
    path: string,
    cycle = cycleId,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const { context, page } = await signedIn(browser, suite.baseUrl, suite.stack.databaseUrl, actor, DESKTOP);
    await context.addInitScript({
      content: `localStorage.setItem(${JSON.stringify(CYCLE_KEY)}, ${JSON.stringify(cycle)})`,
    });
    await page.goto(`${suite.baseUrl}${path}`);
    await page.getByTestId('signed-in-user').waitFor({ state: 'attached' });
    return { context, page };
  }

  beforeAll(async () => {
    [suite, browser] = await Promise.all([startJiebangSuite(TASK_QUEUE), launchChromium()]);
    monthOneEnds = Date.now() + MONTH_ONE_ENDS_IN_MS;
    const imported = await ok(
      call('POST', '/cycles', {
        actor: assessor,
        body: tinyScenario('Gaps district', {
          calendar: { periods: monthOneEndingAt(monthOneEnds) },
          reportWindow: '600s',
          reviewDeadline: '600s',
          resubmitDeadline: '600s',
          appealWindow: '60s',
          reminderOffsets: [],
        }),
      }),
    );
    cycleId = (imported.cycle as { id: string }).id;
    // A second district whose whole year passes while the other tests run: every report is missed.
    const yearStarts = Date.now() + 2_000;
    const year = await ok(
      call('POST', '/cycles', {
        actor: assessor,
        body: tinyScenario('Year district', {
          calendar: {
            periods: Array.from({ length: 12 }, (_, index) => ({
              start: new Date(yearStarts + index * YEAR_MONTH_MS).toISOString(),
              end: new Date(yearStarts + (index + 1) * YEAR_MONTH_MS).toISOString(),
            })),
          },
          reportWindow: '1s',
          reviewDeadline: '1s',
          resubmitDeadline: '1s',
          appealWindow: '1s',
          reminderOffsets: [],
        }),
      }),
    );
    yearCycleId = (year.cycle as { id: string }).id;
  });

  afterAll(async () => {
    await browser?.close();
    await suite?.stop();
  });

  it('the reporter uploads evidence, lists it and removes a file while the report is editable', async () => {
    await sleepUntil(monthOneEnds + 500);
    const { context, page } = await person(reporterOf('u-a'), '/units/u-a/reports/1');
    const value = page.locator('[data-indicator="u-a-invest"]');
    await expect.poll(() => value.isEnabled(), { timeout: 60_000 }).toBe(true);
    await value.fill('2500');
    const evidence = page.getByTestId('evidence');
    await evidence.getByText('暂无佐证材料').waitFor();
    await evidence.locator('input[type=file]').setInputFiles([
      { name: '项目台账.pdf', mimeType: 'application/pdf', buffer: PDF },
      { name: '现场照片.png', mimeType: 'image/png', buffer: PNG },
    ]);
    await evidence.locator('[data-evidence="项目台账.pdf"]').waitFor();
    await evidence.locator('[data-evidence="现场照片.png"]').waitFor();
    await checkPage(page, 'report-evidence');
    await evidence.getByRole('button', { name: '删除 现场照片.png' }).click();
    await evidence.locator('[data-evidence="现场照片.png"]').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '报送' }).click();
    await page.getByText('报告已报送').waitFor();
    // Submitted: the evidence stays listed, and can no longer be removed.
    await evidence.locator('[data-evidence="项目台账.pdf"]').waitFor();
    expect(await evidence.getByRole('button', { name: /删除/ }).count()).toBe(0);
    await expect.poll(() => evidence.getByRole('button', { name: '上传佐证材料' }).count()).toBe(0);
    await context.close();

    await ok(
      call('POST', `/cycles/${cycleId}/units/u-a/reports/1/confirmation`, {
        actor: headOf('u-a'),
        body: { decision: 'confirm' },
      }),
    );
    // u-b reports far behind u-a: it is ranked last and lags.
    await ok(
      call('PUT', `/cycles/${cycleId}/units/u-b/reports/1`, {
        actor: reporterOf('u-b'),
        body: { values: { 'u-b-invest': 1000 }, submit: true },
      }),
    );
    await ok(
      call('POST', `/cycles/${cycleId}/units/u-b/reports/1/confirmation`, {
        actor: headOf('u-b'),
        body: { decision: 'confirm' },
      }),
    );
  });

  it('the assessor sees the evidence read-only in the review and downloads it', async () => {
    const { context, page } = await person(assessor, '/review');
    await page.getByRole('link', { name: /审核月度报告 · 区发改局 · 1月/ }).click();
    const evidence = page.getByTestId('evidence');
    const file = evidence.locator('[data-evidence="项目台账.pdf"]');
    await file.waitFor();
    expect(await evidence.getByRole('button', { name: /删除/ }).count()).toBe(0);
    expect(await evidence.getByRole('button', { name: '上传佐证材料' }).count()).toBe(0);
    await checkPage(page, 'review-evidence');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      file.getByRole('button', { name: '下载' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('项目台账.pdf');
    expect(await readFile((await download.path())!)).toEqual(PDF);
    await page.getByRole('button', { name: '通过' }).click();
    await page.getByText('审核通过').first().waitFor();
    await context.close();
    await ok(
      call('POST', `/cycles/${cycleId}/units/u-b/reports/1/review`, {
        actor: assessor,
        body: { decision: 'approve' },
      }),
    );
  });

  it('the rankings page names units and categories, and says in Chinese why the version exists', async () => {
    await monthRanked(1);
    const { context, page } = await person(assessor, '/rankings?month=1');
    const ranking = page.locator('.ant-table');
    await ranking.getByRole('cell', { name: '区发改局', exact: true }).waitFor();
    await ranking.getByRole('cell', { name: '区商务局', exact: true }).waitFor();
    await page.getByText('经济部门', { exact: true }).waitFor();
    await page.getByTestId('ranking-cause').getByText('本月2份报告均已审核通过或逾期未报，排名自动生成').waitFor();
    expect(await ranking.getByRole('cell', { name: /^u-[ab]$/ }).count()).toBe(0);
    expect(await page.getByText('econ', { exact: true }).count()).toBe(0);
    await checkPage(page, 'rankings-names');
    await context.close();
  });

  it('an assessor corrects an appeal: a new ranking version, shown on the rankings page', async () => {
    await ok(
      call('POST', `/cycles/${cycleId}/months/1/appeals`, {
        actor: headOf('u-b'),
        body: { unitId: 'u-b', reason: '投资数据漏报一个项目' },
      }),
    );
    const { context, page } = await person(assessor, '/months');
    const month = page.locator('tr[data-row-key="1"]');
    // The months refresh by themselves: the appeal makes the row expandable.
    await month.getByRole('button', { name: '展开行' }).click({ timeout: 30_000 });
    const appeal = page.locator('[data-appeal="u-b"]');
    await appeal.getByText('区商务局').waitFor();
    await appeal.getByText('投资数据漏报一个项目').waitFor();
    await appeal.getByRole('button', { name: '更正后的本月值' }).click();
    const corrected = appeal.locator('[data-corrected="u-b-invest"]');
    await expect.poll(() => corrected.inputValue()).toBe('1000');
    await corrected.fill('1500');
    await appeal.getByLabel('意见').fill('核实后更正为1500');
    await checkPage(page, 'months-appeal-correction');
    await appeal.getByRole('button', { name: '更正', exact: true }).click();
    await page.getByTestId('appeal-corrected').getByRole('link', { name: '已更正，生成排名第 2 版' }).click();
    await page.waitForURL('**/rankings?month=1');
    await page.getByTestId('ranking-version').getByText('版本 2').waitFor();
    await page.getByTestId('ranking-cause').getByText('区商务局申诉更正：核实后更正为1500').waitFor();
    // 1500 against a plan to date of 2000 (floor 1000): 60 + 40 * 500 / 1000 = 80.
    await page.locator('tr[data-row-key="u-b"]').getByText('80.00').waitFor();
    await checkPage(page, 'rankings-corrected');
    // The first version stays readable.
    await page
      .locator('.ant-select')
      .filter({ has: page.getByRole('combobox', { name: '版本' }) })
      .click();
    await page.locator('.ant-select-item-option[title="版本 1"]').click();
    await page.getByTestId('ranking-version').getByText('版本 1').waitFor();
    await page.locator('tr[data-row-key="u-b"]').getByText('60.00').waitFor();
    await context.close();
  });

  it('a case says in Chinese why it fired: the months, ranks, scores and the rule', async () => {
    // Cases fire once the ranking is final: when the appeal window has closed, from the corrected version.
    const caseId = await eventually(
      async () => {
        const cases = await call('GET', `/cases?cycleId=${cycleId}&unitId=u-b`, { actor: orgDept });
        const speech = (cases.body as unknown as Array<{ caseId: string; rung: string }>).find(
          (each) => each.rung === 'warning_speech',
        );
        return speech?.caseId;
      },
      { timeoutMs: 170_000, intervalMs: 1_000 },
    );
    const { context, page } = await person(orgDept, '/cases');
    await page.getByRole('cell', { name: '区商务局', exact: true }).waitFor();
    await page.goto(`${suite.baseUrl}/cases/${encodeURIComponent(caseId)}`);
    const explanation = page.getByTestId('case-explanation');
    await explanation
      .getByText(
        '区商务局，1月：1月落后（1月：第2名（本类共2个单位），得分 80.00）。依据规则：落后，每月检查，启动表态发言。',
      )
      .waitFor();
    expect(await explanation.innerText()).not.toMatch(/[A-Za-z]/);
    await page.getByText('表态发言 · 区商务局 · 1月', { exact: true }).waitFor();
    await checkPage(page, 'case-explanation-zh');
    await context.close();
  });

  it('the annual results page shows each unit’s year score, rank and outcome; a unit sees its own', async () => {
    await eventually(
      async () => {
        const annual = await call('GET', `/cycles/${yearCycleId}/annual-results`, { actor: assessor });
        return (annual.body as { decided: boolean }).decided ? true : undefined;
      },
      { timeoutMs: 170_000, intervalMs: 1_000 },
    );
    const { context, page } = await person(assessor, '/annual-results', yearCycleId);
    await page.getByText('经济部门', { exact: true }).waitFor();
    const rows = page.locator('tr[data-row-key]');
    for (const name of ['区发改局', '区商务局']) await rows.getByRole('cell', { name, exact: true }).waitFor();
    // No report all year: both score 0, tie for first, and neither completed the annual task.
    expect(await page.locator('[data-annual="not-completed"]').count()).toBe(2);
    expect(await page.locator('[data-annual="completed"]').count()).toBe(0);
    await page.locator('tr[data-row-key="u-a"]').getByRole('button', { name: '展开行' }).click();
    await page.getByTestId('annual-reasons').getByText('无审核通过的12月报告').waitFor();
    await checkPage(page, 'annual-results');
    await context.close();

    const unit = await person(headOf('u-a'), '/annual-results', yearCycleId);
    await unit.page.locator('tr[data-row-key="u-a"]').waitFor();
    expect(await unit.page.locator('tr[data-row-key="u-b"]').count()).toBe(0);
    await unit.context.close();
  });

  async function monthRanked(month: number): Promise<void> {
    await eventually(async () => {
      const status = await call('GET', `/cycles/${cycleId}/months`, { actor: assessor });
      const state = (status.body as { months: Array<{ month: number; version: number }> }).months.find(
        (each) => each.month === month,
      );
      return state && state.version > 0 ? true : undefined;
    });
  }
});

async function sleepUntil(at: number): Promise<void> {
  const wait = at - Date.now();
  if (wait > 0) await new Promise((done) => setTimeout(done, wait));
}
