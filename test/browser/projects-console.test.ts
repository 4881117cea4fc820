import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEADER_LI, parkProject } from '../support/projects';
import { monthOneEndingAt, tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';
import {
  expectAccessible,
  expectHeaderInside,
  launchChromium,
  PHONE,
  screenshotPath,
  signedIn,
} from './support/browser';

const { admin, assessor, reporterOf } = ACTORS;

describe('the project map (挂图作战) and the unit’s progress form in the console', () => {
  let suite: JiebangSuite;
  let browser: Browser;
  let cycleId: string;

  beforeAll(async () => {
    [suite, browser] = await Promise.all([startJiebangSuite('projects-console-suite'), launchChromium()]);
    // Month 1 has just ended: its progress is open until its report deadline, days away.
    const scenario: Record<string, unknown> = {
      // Weeks of an hour from the year's start: week 1 is open while the test runs. A year's full name as long as a
      // district's real one: the header's year picker must still leave room for the other actions on a phone.
      ...tinyScenario('2026年度区直单位目标管理考核', { weeklyDispatch: { categories: ['econ'], weekLength: '1h' } }),
      leaders: [LEADER_LI],
      projects: [
        parkProject([
          { kind: 'signed', due: '2026-01-20' },
          { kind: 'land', due: '2026-03-31' },
          { kind: 'started', due: '2026-06-30' },
        ]),
      ],
    };
    (scenario.policy as Record<string, unknown>).calendar = { periods: monthOneEndingAt(Date.now() - 1_000) };
    const imported = await suite.call('POST', '/cycles', { actor: admin, body: scenario });
    expect(imported.status).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
  });

  afterAll(async () => {
    await browser?.close();
    await suite?.stop();
  });

  it('shows the project’s milestones on the time line and takes the unit’s month of progress', async () => {
    const { context, page } = await signedIn(browser, suite.baseUrl, suite.stack.databaseUrl, reporterOf('u-a'));
    await page.goto(`${suite.baseUrl}/projects`);
    const card = page.getByLabel('智能制造产业园');
    await card.locator('[data-standing="due"]', { hasText: '签约' }).waitFor();
    expect(await card.locator('[data-standing="due"]').count()).toBe(3);
    // At 1440 px the longest milestone name, 供地 / 清场交地, wraps inside its month, never spilling into the next.
    await page.setViewportSize({ width: 1440, height: 900 });
    const land = card.locator('[data-standing]', { hasText: '供地 / 清场交地' });
    const [tag, cell] = await Promise.all([land.boundingBox(), land.locator('xpath=..').boundingBox()]);
    expect(tag!.x).toBeGreaterThanOrEqual(cell!.x);
    expect(tag!.x + tag!.width).toBeLessThanOrEqual(cell!.x + cell!.width);
    expect(await land.evaluate((node) => node.scrollWidth <= node.clientWidth)).toBe(true);

    await card.getByText('填报项目进展').click();
    await card.getByLabel('月份').fill('1');
    await card.getByLabel('本年累计完成投资').fill('500');
    // The group is controlled: its box shows checked once React has rendered the new value.
    const signed = card.getByRole('checkbox', { name: '签约' });
    await signed.click();
    await expect.poll(() => signed.isChecked()).toBe(true);
    await card.getByLabel('佐证材料').fill('合同扫描件');
    await card.getByRole('button', { name: '提交' }).click();

    await card.locator('[data-standing="done"]', { hasText: '签约' }).waitFor();
    const stored = await suite.db.query(
      'SELECT month, investment, milestones, evidence, reported_by FROM key_project_progress WHERE cycle_id = $1',
      [cycleId],
    );
    expect(stored.rows).toEqual([
      { month: 1, investment: 500, milestones: ['signed'], evidence: '合同扫描件', reported_by: 'reporter-u-a' },
    ]);
    await context.close();
  }, 120_000);

  it('takes the unit’s weekly note and lets an assessor make its problem a supervision item from the digest', async () => {
    const unit = await signedIn(browser, suite.baseUrl, suite.stack.databaseUrl, reporterOf('u-a'));
    await unit.page.goto(`${suite.baseUrl}/projects/weekly`);
    const card = unit.page.getByLabel('智能制造产业园');
    await card.getByLabel('本周完成投资').fill('120');
    await card.getByLabel('节点进展').fill('土地出让合同已签');
    await card.getByLabel('需领导协调解决的问题').fill('电力增容需区领导协调供电公司');
    await card.getByRole('button', { name: '报送本周调度情况' }).click();
    await card.getByText('本周已报送').waitFor();
    await unit.context.close();

    const office = await signedIn(browser, suite.baseUrl, suite.stack.databaseUrl, assessor);
    await office.page.goto(`${suite.baseUrl}/projects/weekly`);
    const category = office.page.getByLabel('经济部门');
    await category.getByText('电力增容需区领导协调供电公司').waitFor();
    await category.getByRole('button', { name: '转为督办事项' }).click();
    await category.getByText('已转督办').waitFor();
    const items = await suite.db.query('SELECT unit_id, title FROM supervision_items WHERE cycle_id = $1', [cycleId]);
    expect(items.rows).toEqual([{ unit_id: 'u-a', title: '每周调度 第1周: 智能制造产业园 (p-park)' }]);
    await office.context.close();
  }, 120_000);

  it('shows the month’s report with its 项目投资合计 on a phone without scrolling sideways', async () => {
    // The first test reported 500 of p-park's investment for month 1, which feeds u-a-invest.
    const { context, page } = await signedIn(browser, suite.baseUrl, suite.stack.databaseUrl, reporterOf('u-a'), PHONE);
    await page.goto(`${suite.baseUrl}/units/u-a/reports/1`);
    const sum = page.getByTestId('project-investment-u-a-invest');
    await sum.waitFor();
    expect(await sum.textContent()).toContain('500');
    for (const part of [sum, page.locator('#value-u-a-invest'), page.getByText('项目投资合计')]) {
      const box = (await part.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'report-projects');
    // The header's actions fit a phone as opened, and again after the window was wide (a turned tablet, a
    // resized window): ProLayout kept the wide header's width as the actions' minimum and pushed them off.
    await expectHeaderInside(page, 'report-projects');
    for (const viewport of [{ width: 1440, height: 900 }, PHONE]) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(300);
      await expectHeaderInside(page, `report-projects at ${viewport.width} px`);
      await page.screenshot({ path: screenshotPath(`report-projects-${viewport.width}`), fullPage: true });
    }
    await context.close();
  });
});
