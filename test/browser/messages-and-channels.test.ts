import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@jiebang/devstack/free-port';
import { eventually, startWorker } from '../support/jiebang';
import { PlatformReceiver } from '../support/receivers';
import { tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';
import { checkPage, launchChromium, PHONE, signedIn } from './support/browser';

const TASK_QUEUE = 'console-messages-suite';
const { admin, assessor, headOf } = ACTORS;

describe('the console: the message centre, and channels and deliveries for administrators', () => {
  let suite: JiebangSuite;
  let browser: Browser;
  let cycleId: string;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  const receiver = new PlatformReceiver('webhook', 'district-platform-secret-2026');

  /** A notice as a workflow writes it to the outbox. */
  const writeNotice = (
    key: string,
    columns: { kind: string; role: string; unit: string; step: string; month?: number },
  ) =>
    suite.db.query(
      `INSERT INTO notifications (key, cycle_id, unit_id, kind, recipient_role, subject, due_at, step, month)
       VALUES ($1, $2, $3, $4, $5, $6, now() + interval '2 days', $7, $8)`,
      [
        key,
        cycleId,
        columns.unit,
        columns.kind,
        columns.role,
        `${columns.step} ${key}`,
        columns.step,
        columns.month ?? null,
      ],
    );
  const bell = (page: Page) => page.getByTestId('message-bell');

  beforeAll(async () => {
    [suite, browser] = await Promise.all([startJiebangSuite(TASK_QUEUE, { inProcessWorker: false }), launchChromium()]);
    // One attempt before a send is dead-lettered, so a receiver that is down shows a dead letter at once.
    suite.worker = await startWorker({ ...suite.config, DELIVERY_MAX_ATTEMPTS: 1, DELIVERY_POLL_MS: 100 });
    const imported = await call('POST', '/cycles', { actor: assessor, body: tinyScenario('Message district') });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
    // Its port is known, and nothing listens on it until the test brings it up.
    await receiver.up();
    await receiver.down();
  });

  afterAll(async () => {
    await receiver.down();
    await browser?.close();
    await suite?.stop();
  });

  it('a reminder shows on the bell, opens the step from the message centre, and the bell drops once read', async () => {
    const { context, page } = await signedIn(browser, suite.baseUrl, suite.stack.databaseUrl, headOf('u-a'));
    await expect.poll(() => bell(page).getAttribute('data-unread')).toBe('0');
    await writeNotice('browser-pledge-reminder', {
      kind: 'reminder',
      role: 'UNIT_HEAD',
      unit: 'u-a',
      step: 'pledge.sign',
    });
    // The bell counts by itself (it polls); no reload.
    await expect.poll(() => bell(page).getAttribute('data-unread'), { timeout: 45_000 }).toBe('1');
    await expect(bell(page).getAttribute('aria-label')).resolves.toBe('消息中心：1 条未读');

    await bell(page).click();
    const message = page.locator('[data-unread="true"][data-message]');
    await message.getByText('【催办提醒】区发改局：签订军令状').waitFor();
    await message.getByText('未读').waitFor();
    await checkPage(page, 'messages');

    await message.getByRole('link', { name: '【催办提醒】区发改局：签订军令状' }).click();
    await page.waitForURL(/\/units\/u-a\/pledge$/);
    await page.getByText('固定资产投资').waitFor();
    await page.getByRole('button', { name: '签订军令状' }).waitFor();
    await expect.poll(() => bell(page).getAttribute('data-unread')).toBe('0');
    const { messages } = (await call('GET', '/messages', { actor: headOf('u-a') })).body as {
      messages: Array<{ readAt: string | null }>;
    };
    expect(messages.map((each) => each.readAt !== null)).toEqual([true]);

    // Unread only: nothing left; the person chooses the morning digest, and it is kept.
    await bell(page).click();
    await page.getByRole('radio', { name: '全部' }).waitFor({ state: 'attached' });
    await page.getByText('未读 0').click();
    await page.getByText('暂无消息').waitFor();
    await page.getByText('每个工作日早上汇总为一封邮件（我的待办）').click();
    await page.getByTestId('message-preferences').getByRole('button', { name: '保存' }).click();
    await page.getByText('接收设置已保存').waitFor();
    const preferences = await call('GET', '/messages/preferences', { actor: headOf('u-a') });
    expect(preferences.body).toEqual({ language: 'zh-CN', digest: true });
    await context.close();

    // On a phone the bell stays in the header.
    const phone = await signedIn(browser, suite.baseUrl, suite.stack.databaseUrl, headOf('u-a'), PHONE);
    await expect.poll(() => bell(phone.page).getAttribute('data-unread')).toBe('0');
    const box = await bell(phone.page).boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width, JSON.stringify(box)).toBe(true);
    // The link an e-mail or a robot carries (the API's path of the step) opens the same page.
    await phone.page.goto(`${suite.baseUrl}/cycles/${cycleId}/units/u-a/pledge`);
    await phone.page.waitForURL(/\/units\/u-a\/pledge$/);
    await phone.page.getByText('固定资产投资').waitFor();
    await phone.context.close();
  });

  it('an administrator adds a webhook, sees a send to it dead-lettered while it is down, and resends it', async () => {
    // A notice for a role nobody holds, while no channel exists: it reaches nobody.
    await writeNotice('browser-unreached', {
      kind: 'escalation',
      role: 'DISCIPLINE',
      unit: 'u-b',
      step: 'escalation.acknowledge',
    });
    await eventually(async () => {
      const unreached = await call('GET', '/admin/notifications/unreached', { actor: admin });
      return (unreached.body as unknown as Array<{ unitId: string }>).some((n) => n.unitId === 'u-b')
        ? true
        : undefined;
    });
    const taken = await call('POST', '/admin/channels', {
      actor: admin,
      body: {
        name: '领导群',
        kind: 'webhook',
        url: 'https://gov.example.cn/hook',
        secret: 'x'.repeat(20),
        role: 'LEADERSHIP',
        enabled: false,
      },
    });
    expect(taken.status).toBe(201);

    const { context, page } = await signedIn(browser, suite.baseUrl, suite.stack.databaseUrl, admin);
    await page.getByRole('link', { name: '推送渠道' }).click();
    await page.getByRole('link', { name: '领导群' }).waitFor();
    await page.getByText('已设置（不显示）').waitFor();
    await checkPage(page, 'channels');

    await page.getByRole('button', { name: '新增渠道' }).click();
    const form = page.getByTestId('channel-form');
    const field = (label: string) => form.locator('.ant-form-item', { has: page.getByLabel(label, { exact: true }) });
    await page.getByLabel('渠道名称').fill('领导群');
    await page.getByLabel('推送地址（URL）').fill('not a url');
    await page.getByLabel('签名密钥').fill(receiver.secret);
    await form.getByRole('button', { name: '保存' }).click();
    // Beside the field, in Chinese, in the words of the API's own refusal of that body.
    const refused = await call('POST', '/admin/channels', {
      actor: admin,
      body: { name: '领导群', kind: 'webhook', url: 'not a url', secret: receiver.secret },
    });
    expect(refused.status).toBe(400);
    const problem = (refused.body.details as Array<{ path: string; message: string }>).find((d) => d.path === 'url')!;
    await field('推送地址（URL）').getByText(`须为以 http:// 或 https:// 开头的网址（${problem.message}）`).waitFor();
    await checkPage(page, 'channel-form');

    // A refusal only the API can give (the name is taken) also lands beside its field.
    await page.getByLabel('推送地址（URL）').fill(receiver.url);
    await form.getByRole('button', { name: '保存' }).click();
    await field('渠道名称')
      .getByText(/已有同名的推送渠道/)
      .waitFor();
    await page.getByLabel('渠道名称').fill('区政务平台');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByRole('link', { name: '区政务平台' }).waitFor();
    expect(await page.content()).not.toContain(receiver.secret);

    // A deadline notice for the assessors: the webhook is down, so its send is dead-lettered.
    await writeNotice('browser-dead-letter', {
      kind: 'deadline',
      role: 'ASSESSOR',
      unit: 'u-a',
      step: 'report.review',
      month: 1,
    });
    await page.getByRole('link', { name: '推送记录' }).click();
    const dead = page.locator('tr[data-status="dead"]', { hasText: '区政务平台' });
    await dead.waitFor({ timeout: 30_000 });
    await expect(dead.locator('.ant-typography-danger').textContent()).resolves.toMatch(/\S/);
    // The notice nobody received, named by its unit and by the step it asks for in Chinese.
    const unreachedRow = page.getByTestId('unreached').locator('tr', { hasText: '区商务局' });
    await unreachedRow.getByText('签收升级督办事项').waitFor();
    await checkPage(page, 'deliveries');

    await receiver.up();
    await dead.getByRole('button', { name: '重新发送' }).click();
    await eventually(async () => (receiver.received.length > 0 ? true : undefined));
    expect(receiver.refused).toEqual([]);
    expect(receiver.received.map((r) => r.body.title)).toEqual(['【到期通知】区发改局：审核1月月度报告']);
    await page.getByText('已送达', { exact: true }).click();
    await page.locator('tr[data-status="delivered"]', { hasText: '区政务平台' }).waitFor({ timeout: 15_000 });

    // Changing the channel: the secret is never shown, so saving asks for it again; then the channel is paused.
    await page.getByRole('link', { name: '推送渠道' }).click();
    await page.getByRole('link', { name: '区政务平台' }).click();
    await expect.poll(() => page.getByLabel('推送地址（URL）').inputValue()).toBe(receiver.url);
    expect(await page.getByLabel('签名密钥').inputValue()).toBe('');
    await form.getByRole('button', { name: '保存' }).click();
    await field('签名密钥')
      .getByText(/^必填（/)
      .waitFor();
    await page.getByLabel('签名密钥').fill(receiver.secret);
    await page.getByRole('switch').click();
    await form.getByRole('button', { name: '保存' }).click();
    await page.locator('tr', { hasText: '区政务平台' }).getByText('已暂停').waitFor();
    const channels = (await call('GET', '/admin/channels', { actor: admin })).body as unknown as Array<{
      name: string;
      enabled: boolean;
    }>;
    expect(channels.find((channel) => channel.name === '区政务平台')?.enabled).toBe(false);

    // An e-mail channel whose SMTP server does not answer: the API's 422 beside the server's field.
    await page.getByRole('button', { name: '新增渠道' }).click();
    await page.getByLabel('渠道名称').fill('区委办邮件');
    // The select opens from the keyboard (ArrowDown); its option is then clicked.
    await page.getByLabel('渠道类型').focus();
    await page.keyboard.press('ArrowDown');
    await page.locator('.ant-select-item-option', { hasText: '电子邮件' }).click();
    await page.getByLabel('SMTP 服务器').fill('127.0.0.1');
    await page.getByLabel('端口').fill(String(await freePort()));
    await page.getByLabel('发件人').fill('jiebang@example.cn');
    await form.getByRole('button', { name: '保存' }).click();
    await field('SMTP 服务器')
      .getByText(/无法连接邮件服务器/)
      .waitFor();
    await context.close();
  });
});
