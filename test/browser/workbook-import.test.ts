import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';
import { checkPage, launchChromium, signedIn } from './support/browser';

const { assessor } = ACTORS;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The console's import page (issue 22): upload a target workbook, see its problems or its preview, confirm. */
describe('the console: importing the target workbook, in Chinese', () => {
  let suite: JiebangSuite;
  let browser: Browser;
  let page: Page;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  let template: Buffer;

  const workbookWith = async (change: (workbook: ExcelJS.Workbook) => void) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ArrayBuffer);
    change(workbook);
    return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  };
  const choose = (buffer: Buffer) =>
    page.locator('input[type=file]').setInputFiles({ name: '目标任务分解表.xlsx', mimeType: XLSX, buffer });

  beforeAll(async () => {
    [suite, browser] = await Promise.all([startJiebangSuite('workbook-import-console'), launchChromium()]);
    template = (await call('GET', '/workbooks/target-template', { actor: assessor })).bytes!;
    ({ page } = await signedIn(browser, suite.baseUrl, suite.stack.databaseUrl, assessor));
  });

  afterAll(async () => {
    await browser?.close();
    await suite?.stop();
  });

  it('shows every problem of a bad workbook by its cell, then previews and imports a good one', async () => {
    await page.getByRole('link', { name: '导入目标任务分解表' }).click();
    await page.waitForURL('**/cycles/import');
    const check = page.getByRole('button', { name: '检查', exact: true });
    await check.waitFor();

    await choose(
      await workbookWith((workbook) => {
        const indicators = workbook.getWorksheet('指标')!;
        indicators.getCell('H2').value = '1.200,5';
        indicators.getCell('B3').value = 'u-nowhere';
      }),
    );
    await expect.poll(() => check.isEnabled()).toBe(true);
    await check.click();
    const problems = page.getByTestId('workbook-problems');
    // The unknown unit also leaves u-com without indicators: three problems in all.
    await problems.getByText('工作簿有 3 处问题，未导入任何内容').waitFor();
    expect(await problems.getByRole('row', { name: /单位!A3/ }).textContent()).toMatch(/单位 u-com 没有考核指标/);
    expect(await problems.getByRole('row', { name: /指标!H2/ }).textContent()).toMatch(/不是可识别的数字/);
    expect(await problems.getByRole('row', { name: /指标!B3/ }).textContent()).toMatch(/未知的责任单位“u-nowhere”/);
    await checkPage(page, 'workbook-import-refused');

    const named = await workbookWith((workbook) => {
      workbook.getWorksheet('政策')!.getCell('B2').value = '浏览器导入考核年度';
    });
    await choose(named);
    await problems.waitFor({ state: 'detached' });
    await check.click();
    const preview = page.getByTestId('workbook-preview');
    await preview.getByText('2026 浏览器导入考核年度').waitFor();
    expect(await preview.getByRole('row', { name: /区发改局/ }).textContent()).toContain('100 / 100');
    await checkPage(page, 'workbook-import-preview');

    await preview.getByRole('button', { name: '确认导入' }).click();
    await page.getByTestId('workbook-imported').waitFor();
    const cycles = (await call('GET', '/cycles', { actor: assessor })).body as unknown as Array<{ name: string }>;
    expect(cycles.map((cycle) => cycle.name)).toContain('浏览器导入考核年度');
  });
});
