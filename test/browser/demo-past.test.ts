import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CYCLE_ID } from '../../apps/api/src/demo/demo-cycle';
import type { CycleStatus } from '@jiebang/contracts';
import { eventually, httpClient, startApi, startWorker, testConfig } from '../support/jiebang';
import { startTestStack, type TestStack } from '../support/stack';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { checkPage, DESKTOP, launchChromium, PHONE, signInWithKeyboard } from './support/browser';

const DEMO_CYCLE = DEMO_CYCLE_ID;
const DEMO_PASSWORD = 'jiebang-demo';
const REPLAY_TIMEOUT_MS = 6 * 60_000;

describe('the demo district arrives with a past made through the real workflows', () => {
  let stack: TestStack;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let call: ReturnType<typeof httpClient>;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    stack = await startTestStack();
    const config = { ...testConfig(stack, 'demo-past-suite'), DEMO_IMPORT: true };
    worker = await startWorker(config);
    const started = await startApi(config);
    api = started.app;
    baseUrl = started.baseUrl;
    browser = await launchChromium();
    // The demo users exist (seeded with the district); sign in as them with their own password.
    call = httpClient(started.baseUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await worker?.close();
    await stack?.stop();
  });

  // Sign-in is limited to 10 a minute per user: each demo user signs in once.
  const tokens = new Map<string, Promise<string>>();
  const signIn = (user: string) => {
    if (!tokens.has(user)) tokens.set(user, signInOnce(user));
    return tokens.get(user)!;
  };
  const signInOnce = async (user: string) => {
    const response = await fetch(`${await api.getUrl()}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user, password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
  const get = async (user: string, path: string) =>
    (await call('GET', path, { token: await signIn(user) })).body as Record<string, unknown>;

  it(
    'has three months ranked, appealed, final and published, and the fourth awaiting the demo assessor',
    async () => {
      await eventually(
        async () => {
          const status = (await get('demo-assessor', `/cycles/${DEMO_CYCLE}/months`)) as unknown as CycleStatus;
          return status.months?.slice(0, 3).every((month) => month.stage === 'published') ? true : undefined;
        },
        { timeoutMs: REPLAY_TIMEOUT_MS, intervalMs: 2_000 },
      );
      const status = (await get('demo-assessor', `/cycles/${DEMO_CYCLE}/months`)) as unknown as CycleStatus;
      expect(status.months[1]!.appeals).toEqual([
        expect.objectContaining({ unitId: 'u07', status: 'upheld', decidedBy: 'demo-assessor' }),
      ]);
      const ranking = await get('demo-leadership', `/cycles/${DEMO_CYCLE}/months/3/ranking`);
      expect(ranking.status).toBe('published');

      const assessorTasks = await eventually(
        async () => {
          const tasks = (await get('demo-assessor', `/tasks?cycleId=${DEMO_CYCLE}&step=report.review`)) as {
            tasks: Array<{ unitId: string; month: number }>;
          };
          return tasks.tasks.length === 8 ? tasks.tasks : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 2_000 },
      );
      expect(new Set(assessorTasks.map((task) => task.month))).toEqual(new Set([4]));

      // Key projects (三挂): on the map with their past progress; the demo leader's own portfolio; the weekly dispatch.
      const map = (await get('demo-leadership', `/cycles/${DEMO_CYCLE}/projects/map`)) as {
        projects: Array<{
          id: string;
          investmentToDate: number;
          milestones: Array<{ kind: string; reachedMonth: number | null }>;
        }>;
      };
      expect(map.projects.map((project) => project.id)).toEqual(['p-park', 'p-road', 'p-hall']);
      expect(map.projects[2]!.milestones[0]).toMatchObject({ kind: 'signed', reachedMonth: 1 });
      expect(map.projects.every((project) => project.investmentToDate > 0)).toBe(true);
      const portfolios = (await call('GET', `/cycles/${DEMO_CYCLE}/projects/portfolios`, {
        token: await signIn('demo-leadership'),
      })) as { body: unknown };
      expect(
        (portfolios.body as Array<{ leader: { id: string }; projects: Array<{ id: string }> }>).map((p) => [
          p.leader.id,
          p.projects.map((each) => each.id),
        ]),
      ).toEqual([['demo-leadership', ['p-road']]]);
      expect(await get('demo-assessor', `/cycles/${DEMO_CYCLE}/projects/weekly`)).toMatchObject({ categories: ['c0'] });
    },
    REPLAY_TIMEOUT_MS + 90_000,
  );

  it('has cases awaiting the demo organisation department, fired by the ladder from the ranks', async () => {
    const tasks = (await get('demo-orgdept', `/tasks?cycleId=${DEMO_CYCLE}&step=case.decide`)) as {
      tasks: Array<{ unitId: string; workflowId: string }>;
    };
    expect(tasks.tasks.map((task) => task.workflowId)).toContain(`case-${DEMO_CYCLE}/u04/interview/m2`);
    const headTasks = (await get('demo-head', `/tasks?cycleId=${DEMO_CYCLE}`)) as {
      tasks: Array<{ unitId: string; role: string }>;
      counts: Record<string, number>;
    };
    // A unit head sees the steps of their own unit only, and none of another role.
    expect(headTasks.tasks.every((task) => task.unitId === 'u00' && task.role === 'UNIT_HEAD')).toBe(true);
    const unitCases = (await call('GET', `/cases?cycleId=${DEMO_CYCLE}&unitId=u00`, {
      token: await signIn('demo-head'),
    })) as { body: unknown };
    expect((unitCases.body as Array<{ rung: string }>).map((each) => each.rung)).toContain('warning_speech');
  });

  it('shows a living year to the demo users in the console', async () => {
    const look = async (user: string, path: string, name: string, viewport = DESKTOP) => {
      const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      await page.goto(`${baseUrl}${path}`);
      await signInWithKeyboard(page, user, DEMO_PASSWORD);
      await page.getByTestId('signed-in-user').waitFor({ state: 'attached' });
      return { context, page, name };
    };
    const assessor = await look('demo-assessor', '/review', 'demo-review-queue');
    await expect.poll(() => assessor.page.locator('[data-step="report.review"]').count(), { timeout: 30_000 }).toBe(8);
    await checkPage(assessor.page, assessor.name);
    await assessor.context.close();

    const head = await look('demo-head', '/units/u00', 'demo-unit-year');
    await head.page.getByRole('img', { name: '得分 / 排名' }).waitFor();
    await head.page.locator('tr[data-row-key="3"]').getByText('审核通过').waitFor();
    await checkPage(head.page, head.name);
    await head.context.close();

    const orgDept = await look('demo-orgdept', '/tasks', 'demo-org-dept-tasks');
    await orgDept.page
      .getByRole('link', { name: /审批问责事项 · 区住建局/ })
      .first()
      .click();
    await orgDept.page.getByTestId('case-explanation').waitFor();
    await checkPage(orgDept.page, 'demo-case');
    await orgDept.context.close();

    const leadership = await look('demo-leadership', '/rankings?month=3', 'demo-rankings', PHONE);
    await leadership.page.locator('[data-ranking-status="published"]').waitFor();
    await checkPage(leadership.page, leadership.name);
    await leadership.context.close();
  });

  it('keeps a unit head’s, an assessor’s and an administrator’s pages on a phone’s screen (390 px), nothing off to the side', async () => {
    const onPhone = async (user: string, path: string) => {
      const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      await page.goto(`${baseUrl}${path}`);
      await signInWithKeyboard(page, user, DEMO_PASSWORD);
      await page.getByTestId('signed-in-user').waitFor({ state: 'attached' });
      return { context, page };
    };
    // Inside the screen's width: reachable without scrolling anything sideways.
    const expectOnScreen = async (value: Locator) => {
      await value.waitFor();
      const box = (await value.boundingBox())!;
      const what = (await value.textContent()) ?? '';
      expect(box.x, what).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, what).toBeLessThanOrEqual(PHONE.width);
    };
    const expectNoSidewaysScroll = async (page: Page, name: string) => {
      const overflow = await page.evaluate<number>('document.scrollingElement.scrollWidth - innerWidth');
      expect(overflow, `${name} scrolls sideways by ${overflow} px`).toBe(0);
    };
    const block = (page: Page, heading: string) =>
      page.locator('section.jiebang-stacked-row', {
        has: page.locator('.jiebang-stacked-heading', { hasText: new RegExp(`^${heading}$`) }),
      });

    const head = await onPhone('demo-head', '/units/u00');
    // The unit's months, one block each: April's status and March's rank beside their labels.
    await expectOnScreen(block(head.page, '4月').getByText('已报送'));
    await expectOnScreen(block(head.page, '3月').getByText('落后'));
    await expectNoSidewaysScroll(head.page, 'the unit’s year');
    await head.page.goto(`${baseUrl}/units/u00/pledge`);
    // The target list: the last column (权重) of each indicator.
    await expectOnScreen(block(head.page, '能耗降低指标').getByText('55', { exact: true }));
    await expectNoSidewaysScroll(head.page, 'the pledge');
    await head.page.goto(`${baseUrl}/cases`);
    await expectOnScreen(block(head.page, '约谈').getByText('待审批'));
    await expectNoSidewaysScroll(head.page, 'the cases');
    await head.page.goto(`${baseUrl}/projects`);
    // December's milestone of the hall (竣工): the time line wraps instead of running 250 px off the screen.
    await expectOnScreen(head.page.getByRole('region', { name: '文化会展中心' }).getByText('竣工'));
    await expectNoSidewaysScroll(head.page, 'the key project map');
    await head.context.close();

    const assessor = await onPhone('demo-assessor', '/months');
    await expectOnScreen(assessor.page.getByRole('button', { name: '关账并排名' }));
    await expectNoSidewaysScroll(assessor.page, 'the months');
    await assessor.page.goto(`${baseUrl}/supervision`);
    await assessor.page.waitForLoadState('networkidle');
    await expectNoSidewaysScroll(assessor.page, 'the supervision items');
    // 每周调度汇总: the park's week, not yet sent, in its own block.
    await assessor.page.goto(`${baseUrl}/projects/weekly`);
    await expectOnScreen(block(assessor.page, '智能制造产业园').getByText('未报送'));
    await expectNoSidewaysScroll(assessor.page, 'the weekly dispatch');
    await assessor.context.close();

    // The administrator's accounts: each one's steps on the screen.
    const admin = await onPhone('demo-admin', '/accounts');
    await expectOnScreen(block(admin.page, 'demo-head').getByRole('button', { name: '重置密码' }));
    await expectNoSidewaysScroll(admin.page, 'the accounts');
    await admin.context.close();
  });
});
