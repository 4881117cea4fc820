import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIdOf, caseWorkflowId, type CaseInput } from '@jiebang/contracts';
import { CYCLE_ID, UNIT_ID } from '@jiebang/contracts/temporal';
import { RANK_LADDER } from '@jiebang/domain';
import { caseWorkflow } from '../../workflows';
import { eventually } from '../support/jiebang';
import { monthOneEndingAt, tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';
import { checkPage, launchChromium, PHONE, signedIn, signInWithKeyboard } from './support/browser';

const TASK_QUEUE = 'console-suite';
const { admin, assessor, orgDept, discipline, leadership, headOf, reporterOf } = ACTORS;
/** Long enough for the head to sign the pledge in the browser before the first month ends. */
const MONTH_ONE_ENDS_IN_MS = 25_000;

describe('the console: each role does its step in a browser, in Chinese', () => {
  let suite: JiebangSuite;
  let browser: Browser;
  let cycleId: string;
  let monthOneEnds: number;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  const person = (actor: { user: string; roles: string[]; unit?: string }, viewport?: typeof PHONE) =>
    signedIn(browser, suite.baseUrl, suite.stack.databaseUrl, actor, viewport);

  beforeAll(async () => {
    [suite, browser] = await Promise.all([startJiebangSuite(TASK_QUEUE), launchChromium()]);
    monthOneEnds = Date.now() + MONTH_ONE_ENDS_IN_MS;
    const imported = await call('POST', '/cycles', {
      actor: assessor,
      body: tinyScenario('Console district', {
        calendar: { periods: monthOneEndingAt(monthOneEnds) },
        reportWindow: '600s',
        reviewDeadline: '600s',
        resubmitDeadline: '600s',
        appealWindow: '2s',
        reminderOffsets: [],
      }),
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
  });

  afterAll(async () => {
    await browser?.close();
    await suite?.stop();
  });

  it('serves the console at / to browsers and leaves the API, /docs and /health as they were', async () => {
    const page = await fetch(`${suite.baseUrl}/tasks`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const apiMiss = await fetch(`${suite.baseUrl}/no-such-endpoint`, { headers: { accept: 'application/json' } });
    expect(apiMiss.status).toBe(404);
    expect(((await apiMiss.json()) as { code: string }).code).toBe('NOT_FOUND');
    const docs = await fetch(`${suite.baseUrl}/docs-json`, { headers: { accept: 'text/html,application/json' } });
    expect(((await docs.json()) as { openapi: string }).openapi).toBeDefined();
    expect(
      (await fetch(`${suite.baseUrl}/health`, { headers: { accept: 'text/html' } })).headers.get('content-type'),
    ).toContain('json');
  });

  it('keeps the refresh token in an httpOnly SameSite=Strict cookie, never in the page’s storage', async () => {
    const { context, page } = await person(assessor);
    const [cookie] = (await context.cookies()).filter((each) => each.name === 'jiebang_refresh');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/auth' });
    const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage, ...sessionStorage })');
    expect(stored).not.toContain(cookie!.value);
    expect(stored).not.toMatch(/eyJ/); // no JWT either
    // A reload resumes the session from the cookie alone.
    await page.reload();
    await page.getByTestId('signed-in-user').waitFor({ state: 'attached' });
    await context.close();
  });

  it('the unit head signs the pledge on a page that shows the whole target list', async () => {
    const { context, page } = await person(headOf('u-a'));
    await page
      .getByRole('link', { name: /签订军令状/ })
      .first()
      .waitFor({ timeout: 60_000 });
    await checkPage(page, 'my-tasks-head');
    await page
      .getByRole('link', { name: /签订军令状/ })
      .first()
      .click();
    await page.getByText('固定资产投资').waitFor();
    await checkPage(page, 'pledge');
    await page.getByRole('button', { name: '签订军令状' }).click();
    await page.getByText(/军令状已签订/).waitFor();
    await context.close();
    expect((await call('POST', `/cycles/${cycleId}/units/u-b/pledge`, { actor: headOf('u-b') })).status).toBe(200);
  });

  it('the reporter drafts and submits, and an expired session signs in again without losing the draft', async () => {
    await sleepUntil(monthOneEnds + 500);
    const { context, page } = await person(reporterOf('u-a'));
    const task = page.getByRole('link', { name: /填报月度报告 · 区发改局 · 1月/ });
    // The report window opens as the month ends; my tasks refresh by themselves.
    await task.waitFor({ timeout: 60_000 });
    await task.click();
    const value = page.locator('[data-indicator="u-a-invest"]');
    await value.waitFor();
    await expect.poll(() => value.isEnabled()).toBe(true);
    // Plan to date of month 1: 24000 / 12.
    await page.getByRole('cell', { name: '2000', exact: true }).waitFor();
    await value.fill('1500');
    await page.locator('[data-light="yellow"], [data-light="red"]').first().waitFor();
    await value.fill('2500');
    await page.locator('[data-light="green"]').waitFor();

    // The session ends while the report is being typed: the refresh cookie is gone and the session revoked.
    await context.clearCookies();
    await suite.db.query(`UPDATE auth_sessions SET revoked_at = now(), revoke_reason = 'test' WHERE user_id = $1`, [
      reporterOf('u-a').user,
    ]);
    await page.getByRole('button', { name: '保存草稿' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('登录已失效').waitFor();
    await dialog.getByLabel('密码').fill('test-password');
    await dialog.getByRole('button', { name: '登录' }).click();
    await page.getByText('草稿已保存').waitFor();
    expect(await value.inputValue()).toBe('2500');

    await checkPage(page, 'monthly-report');
    await page.getByRole('button', { name: '报送' }).click();
    await page.getByText('报告已报送').waitFor();
    await page.getByText('待主要负责人审签').first().waitFor();
    await context.close();
  });

  it('the head signs the report off from my tasks, and it goes to the assessors', async () => {
    const { context, page } = await person(headOf('u-a'));
    const task = page.getByRole('link', { name: /主要负责人审签 · 区发改局 · 1月/ });
    await task.waitFor({ timeout: 30_000 });
    await task.click();
    await page.getByRole('button', { name: '审签并报送' }).waitFor();
    await checkPage(page, 'head-sign-off');
    await page.getByRole('button', { name: '审签并报送' }).click();
    await page.getByText('已审签，报告已送审').waitFor();
    await context.close();
  });

  it('the assessor returns the report with a comment, the reporter resubmits, the assessor approves', async () => {
    const { context, page } = await person(assessor);
    await page.getByRole('link', { name: '审核队列' }).click();
    await page.getByRole('link', { name: /审核月度报告 · 区发改局 · 1月/ }).click();
    await page.getByLabel('审核意见').fill('请补充投资项目清单');
    await checkPage(page, 'review');
    await page.getByRole('button', { name: '退回' }).click();
    await page.getByTestId('review-comment').getByText('请补充投资项目清单').waitFor();

    const resubmitted = await call('PUT', `/cycles/${cycleId}/units/u-a/reports/1`, {
      actor: reporterOf('u-a'),
      body: { values: { 'u-a-invest': 2600 } },
    });
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
    const signedOff = await call('POST', `/cycles/${cycleId}/units/u-a/reports/1/confirmation`, {
      actor: headOf('u-a'),
      body: { decision: 'confirm' },
    });
    expect(signedOff.status, JSON.stringify(signedOff.body)).toBe(200);
    await page.reload();
    await page.getByRole('button', { name: '通过' }).click();
    await page.getByText('审核通过').first().waitFor();

    // A refusal appears beside the step, in Chinese: a second decision on an approved report.
    const refused = await call('POST', `/cycles/${cycleId}/units/u-a/reports/1/review`, {
      actor: assessor,
      body: { decision: 'approve' },
    });
    expect(refused.status).toBe(409);
    await context.close();
  });

  it('the assessor closes the month and the ranking shows each unit’s lights, rank and lagging', async () => {
    // u-b reports far behind plan: it is ranked last and lags.
    expect(
      (
        await call('PUT', `/cycles/${cycleId}/units/u-b/reports/1`, {
          actor: reporterOf('u-b'),
          body: { values: { 'u-b-invest': 100 } },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call('POST', `/cycles/${cycleId}/units/u-b/reports/1/confirmation`, {
          actor: headOf('u-b'),
          body: { decision: 'confirm' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call('POST', `/cycles/${cycleId}/units/u-b/reports/1/review`, {
          actor: assessor,
          body: { decision: 'approve' },
        })
      ).status,
    ).toBe(200);
    const { context, page } = await person(assessor);
    await page.getByRole('link', { name: '月度关账' }).click();
    // Every report is approved, so the month closes by itself when the last approval settles
    // (readiness by signals); the assessor's 关账并排名 only wins when it is quicker.
    const final = page.locator('[data-stage="final"]').first();
    await Promise.race([
      page
        .getByRole('button', { name: '关账并排名' })
        .first()
        .click({ timeout: 60_000 })
        .catch(() => undefined),
      final.waitFor({ timeout: 60_000 }),
    ]);
    await final.waitFor({ timeout: 60_000 });
    await checkPage(page, 'months');
    await page.getByRole('link', { name: '排名' }).first().click();
    await page.locator('[data-ranking-status="final"]').waitFor();
    const rows = page.locator('tr[data-row-key]');
    await expect.poll(() => rows.count()).toBe(2);
    await page.locator('tr[data-row-key="u-a"] [data-light="green"]').waitFor();
    await page.locator('tr[data-row-key="u-b"] [data-light="red"]').waitFor();
    expect(await page.locator('tr[data-row-key="u-b"]').innerText()).toContain('落后');
    await checkPage(page, 'rankings');
    await context.close();
  });

  it('the unit head’s year at a glance shows each month’s report, score and rank', async () => {
    const { context, page } = await person(headOf('u-a'), PHONE);
    await page.goto(`${suite.baseUrl}/units/u-a`);
    // At phone width each month is a block of its own (StackedTable), its status, score and rank beside their labels.
    const month = page.locator('section.jiebang-stacked-row', {
      has: page.locator('.jiebang-stacked-heading', { hasText: /^1月$/ }),
    });
    await month.getByText('审核通过').waitFor();
    await month.getByText('100.00').waitFor();
    await page.getByRole('img', { name: '得分 / 排名' }).waitFor();
    await checkPage(page, 'unit-year');
    await context.close();
  });

  it('LEADERSHIP publishes the month’s bulletin', async () => {
    const { context, page } = await person(leadership, PHONE);
    await page.goto(`${suite.baseUrl}/months`);
    await page.getByRole('button', { name: '公布通报' }).click();
    await page.locator('[data-stage="published"]').waitFor();
    await context.close();
  });

  it('ORG_DEPT and DISCIPLINE approve an interview, seeing why it fired', async () => {
    const caseId = await openInterview(suite, cycleId);
    for (const approver of [orgDept, discipline]) {
      const { context, page } = await person(approver);
      await page.getByRole('link', { name: /审批问责事项 · 区商务局/ }).click();
      await page.getByTestId('case-explanation').getByText('连续两个月排名末位').waitFor();
      if (approver === orgDept) await checkPage(page, 'case-approval');
      await page.getByRole('button', { name: '同意', exact: true }).click();
      // The decision, with its role and the approver's name (test accounts are named by their id).
      await page.getByText(approver === orgDept ? '组织部（org-1）同意' : '纪委监委（discipline-1）同意').waitFor();
      await context.close();
    }
    const detail = await call('GET', `/cases/${encodeURIComponent(caseId)}`, { actor: orgDept });
    expect(detail.body.status).toBe('in_progress');
  });

  it('the administrator finds the unit’s workflow and sees the audit chain verified', async () => {
    const { context, page } = await person(admin);
    await page.getByRole('link', { name: '流程' }).click();
    await page.waitForURL('**/workflows');
    // Units are chosen by name; the list then holds that unit's workflows only.
    await page.getByRole('combobox', { name: '责任单位' }).fill('区发改局');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: `cycle-${cycleId}/unit-u-b` }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: `cycle-${cycleId}/unit-u-a` }).click();
    await page.getByText('unitCycleWorkflow').first().waitFor(); // the list may still be on screen beside the workflow's own page
    await checkPage(page, 'workflow');
    await page.getByRole('link', { name: '审计记录' }).click();
    await page.getByRole('button', { name: '校验哈希链' }).click();
    await page.locator('[data-chain="verified"]').waitFor();
    expect(await page.locator('[data-chain]').innerText()).toMatch(/哈希链完整：已校验 \d+ 条记录/);
    await checkPage(page, 'audit-trail');
    // Signing out ends the session and its cookie: a reload shows the sign-in page.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('用户名').waitFor();
    await page.reload();
    await page.getByLabel('用户名').waitFor();
    expect((await context.cookies()).filter((cookie) => cookie.name === 'jiebang_refresh')).toEqual([]);
    await context.close();
  });

  it('speaks English when asked, and every control is reachable by keyboard', async () => {
    const { context, page } = await person(assessor, PHONE);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('My tasks').first().waitFor();
    await page.getByRole('button', { name: '中文' }).waitFor();
    const unreachable = await page.evaluate<string[]>(`
      [...document.querySelectorAll('a[href], button, input, select, textarea')]
        .filter((element) => element.tabIndex < 0 && !element.disabled)
        .filter((element) => !element.closest('[aria-hidden="true"]'))
        .map((element) => element.outerHTML.slice(0, 120))
    `);
    expect(unreachable).toEqual([]);
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.tagName')).not.toBe('BODY');
    await context.close();
    const fresh = await browser.newContext();
    const signIn = await fresh.newPage();
    await signIn.goto(`${suite.baseUrl}/`);
    await checkPage(signIn, 'sign-in');
    await signInWithKeyboard(signIn, 'nobody');
    await signIn.getByRole('alert').getByText('用户名或密码错误').waitFor();
    await fresh.close();
  });
});

/** An interview of u-b for month 1, started as the unit's workflow would start it. */
async function openInterview(suite: JiebangSuite, cycleId: string): Promise<string> {
  const rule = RANK_LADDER.find((candidate) => candidate.rung === 'interview')!;
  const caseId = caseIdOf(cycleId, 'u-b', 'interview', 1);
  const input: CaseInput = {
    caseId,
    cycleId,
    unitId: 'u-b',
    rung: 'interview',
    month: 1,
    ruleId: rule.id,
    approvers: [...rule.approvers],
    nominatedBy: null,
    explanation: {
      text: '连续两个月排名末位',
      rule: rule.id,
      months: [1],
      ranks: [2],
      scores: [4.2],
      indicators: ['u-b-invest'],
    },
    approvalDeadline: '1h',
    unitHeadId: 'head-u-b',
  };
  await suite.temporal.workflow.start(caseWorkflow, {
    taskQueue: TASK_QUEUE,
    workflowId: caseWorkflowId(cycleId, 'u-b', 'interview', 1),
    args: [input],
    typedSearchAttributes: [
      { key: CYCLE_ID, value: cycleId },
      { key: UNIT_ID, value: 'u-b' },
    ],
  });
  await eventually(async () =>
    (await suite.db.query('SELECT 1 FROM cases WHERE id = $1', [caseId])).rowCount ? true : undefined,
  );
  return caseId;
}

async function sleepUntil(at: number): Promise<void> {
  const wait = at - Date.now();
  if (wait > 0) await new Promise((done) => setTimeout(done, wait));
}

export type { Page };
