import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/jiebang';
import { monthOneEndingAt, tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';
import { launchChromium, signedIn } from './support/browser';

const { assessor, reporterOf } = ACTORS;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The report page's workbook (issue 22): download the report, fill it, upload it; it stays a draft. */
describe('the console: a monthly report as a workbook, in Chinese', () => {
  let suite: JiebangSuite;
  let browser: Browser;
  let page: Page;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  let reportPath: string;

  beforeAll(async () => {
    [suite, browser] = await Promise.all([startJiebangSuite('report-workbook-console'), launchChromium()]);
    const scenario = tinyScenario('Report workbook district', {
      calendar: { periods: monthOneEndingAt(Date.now() + 5_000) },
      pledgeDeadline: '2s',
      reminderOffsets: [],
      reportWindow: '1h',
      reviewDeadline: '1h',
    });
    const imported = await call('POST', '/cycles', { actor: assessor, body: scenario });
    expect(imported.status).toBe(201);
    reportPath = `/cycles/${(imported.body.cycle as { id: string }).id}/units/u-a/reports/1`;
    await eventually(
      async () => ((await call('GET', reportPath, { actor: assessor })).status === 200 ? true : undefined),
      { timeoutMs: 60_000 },
    );
    ({ page } = await signedIn(browser, suite.baseUrl, suite.stack.databaseUrl, reporterOf('u-a')));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.stop();
  });

  it('downloads the report, takes it back filled as a draft, and lists a bad cell', async () => {
    await page.goto(`${suite.baseUrl}/units/u-a/reports/1`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载报告工作簿' }).click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('月度报告')!;
    expect(sheet.getCell('A2').value).toBe('u-a-invest');
    const upload = async () =>
      page.locator('[data-testid=workbook-round-trip] input[type=file]').setInputFiles({
        name: '月度报告.xlsx',
        mimeType: XLSX,
        buffer: Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer),
      });

    sheet.getCell('F2').value = '12,00';
    await upload();
    const problems = page.getByTestId('workbook-problems');
    expect(await problems.getByRole('row', { name: /月度报告!F2/ }).textContent()).toMatch(/不是可识别的数字/);

    sheet.getCell('F2').value = 1800;
    await upload();
    await page.getByTestId('workbook-taken').getByText('已按工作簿保存草稿；提交后才报送').waitFor();
    await expect.poll(() => page.locator('#value-u-a-invest').inputValue()).toBe('1800');
    const stored = (await call('GET', reportPath, { actor: assessor })).body;
    expect(stored).toMatchObject({ status: 'draft', values: { 'u-a-invest': 1800 } });
  });
});
