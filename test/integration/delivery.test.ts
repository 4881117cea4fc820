import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryDispatcher } from '@jiebang/delivery';
import { DeliveryRepository } from '@jiebang/persistence';
import {
  TEST_SECRET_KEY,
  addChannel,
  addPerson,
  notice,
  startDeliveryDatabase,
  TEST_OUTBOUND_ALLOW,
  testDeliveryOptions,
  writeNotice,
} from '../support/delivery';
import { crash, eventually } from '../support/jiebang';
import { PlatformReceiver, busiestWindow, startMailReceiver } from '../support/receivers';

const quiet = { warn: () => undefined, error: () => undefined };

describe('delivery of the notifications outbox', () => {
  let db: Awaited<ReturnType<typeof startDeliveryDatabase>>;
  let dataSource: DataSource;
  let dispatcher: DeliveryDispatcher | undefined;

  beforeAll(async () => {
    db = await startDeliveryDatabase();
    dataSource = db.dataSource;
    await addPerson(dataSource, {
      id: 'reporter-u01',
      roles: ['UNIT_REPORTER'],
      unitId: 'u01',
      email: 'reporter@u01.example.cn',
      mobile: '13800000001',
      dingtalkUserId: 'dt-reporter',
      wecomUserId: 'wc-reporter',
      feishuUserId: 'ou_reporter',
    });
    await addPerson(dataSource, {
      id: 'reporter-u02',
      roles: ['UNIT_REPORTER'],
      unitId: 'u02',
      email: 'r@u02.example.cn',
    });
  });

  afterAll(async () => {
    await db?.stop();
  });

  beforeEach(async () => {
    // Each test starts from empty channels and queues.
    await dataSource.query(
      'TRUNCATE delivery_attempts, deliveries, messages, notification_channels, digest_runs CASCADE',
    );
    await dataSource.query('DELETE FROM notifications');
  });

  afterEach(async () => {
    await dispatcher?.stop();
    dispatcher = undefined;
  });

  function startDispatcher(overrides: Parameters<typeof testDeliveryOptions>[0] = {}) {
    dispatcher = new DeliveryDispatcher(dataSource, testDeliveryOptions(overrides), quiet);
    dispatcher.start();
  }

  async function statuses(): Promise<Record<string, number>> {
    const rows = (await dataSource.query(
      'SELECT status, count(*)::int AS n FROM deliveries GROUP BY status',
    )) as Array<{
      status: string;
      n: number;
    }>;
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  }

  it('mails the reminder over SMTP with a Chinese subject and the link of the step', async () => {
    const { mails, port, stop: stopSmtp } = await startMailReceiver();
    try {
      await addChannel(dataSource, {
        name: 'mail',
        kind: 'email',
        smtp: { host: '127.0.0.1', port, secure: false, user: null, from: 'jiebang@district.example.cn' },
      });
      await writeNotice(dataSource, notice('mail/1'));
      startDispatcher();
      const [mail] = await eventually(async () => (mails.length > 0 ? mails : undefined));
      expect(mail.subject).toBe('【催办提醒】区发改局：报送3月月度报告');
      expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('reporter@u01.example.cn');
      expect(mail.text).toContain('办理链接：https://jiebang.test/cycles/c-2026/units/u01/reports/3');
      expect(mail.text).toContain('办理时限：2026-04-05 17:00');
      expect(mail.messageId).toMatch(/@jiebang>$/);
      // Only the person of the notice's unit and role is mailed, once.
      await new Promise((done) => setTimeout(done, 500));
      expect(mails).toHaveLength(1);
      expect(await statuses()).toEqual({ delivered: 1 });
    } finally {
      await stopSmtp();
    }
  });

  it.each(['dingtalk', 'wecom', 'feishu', 'webhook'] as const)(
    'signs for %s as the platform checks it and mentions the people concerned',
    async (platform) => {
      const receiver = new PlatformReceiver(platform, `SEC-${platform}-0123456789abcdef`);
      await receiver.up();
      try {
        await addChannel(dataSource, {
          name: platform,
          kind: platform,
          url: receiver.url,
          secret: platform === 'wecom' ? undefined : receiver.secret,
        });
        await writeNotice(dataSource, notice(`${platform}/1`));
        startDispatcher();
        await eventually(async () => (receiver.received.length > 0 ? true : undefined));
        expect(receiver.refused).toEqual([]);
        const body = JSON.stringify(receiver.received[0].body);
        expect(body).toContain('报送3月月度报告');
        expect(body).toContain('https://jiebang.test/cycles/c-2026/units/u01/reports/3');
        const mention = {
          dingtalk: 'dt-reporter',
          wecom: 'wc-reporter',
          feishu: 'ou_reporter',
          webhook: 'reporter-u01',
        };
        expect(body).toContain(mention[platform]);
        expect(body).not.toContain('reporter-u02');
      } finally {
        await receiver.down();
      }
    },
  );

  it('delivers every message exactly once to a receiver that was down for a while', async () => {
    const receiver = new PlatformReceiver('webhook', 'webhook-secret-0123456789');
    await receiver.up();
    await receiver.down(); // keeps its port, refuses connections
    await addChannel(dataSource, { name: 'hook', kind: 'webhook', url: receiver.url, secret: receiver.secret });
    for (let i = 0; i < 30; i++) await writeNotice(dataSource, notice(`down/${i}`));
    startDispatcher();
    await eventually(async () => {
      const [{ n }] = (await dataSource.query(
        `SELECT count(*)::int AS n FROM deliveries WHERE attempts >= 2 AND status = 'pending'`,
      )) as Array<{ n: number }>;
      return n === 30 ? true : undefined;
    });
    const [{ error }] = (await dataSource.query('SELECT last_error AS error FROM deliveries LIMIT 1')) as Array<{
      error: string;
    }>;
    expect(error).toContain('ECONNREFUSED');
    await receiver.up();
    await eventually(async () => ((await statuses()).delivered === 30 ? true : undefined));
    await new Promise((done) => setTimeout(done, 500));
    const ids = receiver.received.map((r) => String(r.body.notificationId));
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    await receiver.down();
  });

  it('keeps a robot to its rate limit through a burst of 100 and loses none', async () => {
    const receiver = new PlatformReceiver('dingtalk', 'SEC-burst-0123456789');
    await receiver.up();
    const rate = { max: 20, perMs: 1_000 }; // DingTalk's 20 a minute, on a shorter window
    await addChannel(dataSource, {
      name: 'burst',
      kind: 'dingtalk',
      url: receiver.url,
      secret: receiver.secret,
      rateLimits: [rate],
    });
    for (let i = 0; i < 100; i++) await writeNotice(dataSource, notice(`burst/${i}`));
    startDispatcher();
    await eventually(async () => ((await statuses()).delivered === 100 ? true : undefined), { timeoutMs: 60_000 });
    expect(receiver.refused).toEqual([]);
    expect(receiver.received).toHaveLength(100);
    expect(
      busiestWindow(
        receiver.received.map((r) => r.at),
        rate.perMs,
      ),
    ).toBeLessThanOrEqual(rate.max);
    await receiver.down();
  });

  it('keeps Feishu to both its limits at once (a minute and a second, on shorter windows)', async () => {
    const receiver = new PlatformReceiver('feishu', 'feishu-burst-secret');
    await receiver.up();
    const limits = [
      { max: 10, perMs: 2_000 },
      { max: 3, perMs: 300 },
    ];
    await addChannel(dataSource, {
      name: 'feishu-burst',
      kind: 'feishu',
      url: receiver.url,
      secret: receiver.secret,
      rateLimits: limits,
    });
    for (let i = 0; i < 30; i++) await writeNotice(dataSource, notice(`feishu-burst/${i}`));
    startDispatcher();
    await eventually(async () => ((await statuses()).delivered === 30 ? true : undefined), { timeoutMs: 60_000 });
    expect(receiver.refused).toEqual([]);
    expect(receiver.received).toHaveLength(30);
    const times = receiver.received.map((r) => r.at);
    for (const { max, perMs } of limits) expect(busiestWindow(times, perMs)).toBeLessThanOrEqual(max);
    await receiver.down();
  });

  it('mails one digest on a working morning to a person who chose it, instead of one mail per item', async () => {
    const { mails, port, stop: stopSmtp } = await startMailReceiver();
    try {
      await addPerson(dataSource, {
        id: 'head-u01',
        roles: ['UNIT_HEAD'],
        unitId: 'u01',
        email: 'head@u01.example.cn',
        digest: true,
      });
      await addChannel(dataSource, {
        name: 'mail',
        kind: 'email',
        smtp: { host: '127.0.0.1', port, secure: false, user: null, from: 'jiebang@district.example.cn' },
      });
      const today = localDate(new Date());
      // Today a holiday: no digest yet, and no mail per item either.
      await dataSource.query(`UPDATE cycles SET policy = $1`, [
        { calendar: { holidays: isWeekend(today) ? [] : [today] } },
      ]);
      await writeNotice(
        dataSource,
        notice('digest/1', { recipientRole: 'UNIT_HEAD', step: 'pledge.sign', month: undefined }),
      );
      await writeNotice(dataSource, notice('digest/2', { recipientRole: 'UNIT_HEAD', kind: 'deadline' }));
      startDispatcher({ digestAt: '00:00' });
      await eventually(async () => {
        const [{ n }] = (await dataSource.query(
          `SELECT count(*)::int AS n FROM messages WHERE user_id = 'head-u01'`,
        )) as Array<{ n: number }>;
        return n === 2 ? true : undefined;
      });
      await new Promise((done) => setTimeout(done, 500));
      expect(mails).toHaveLength(0);
      // Today a working day (a make-up workday if it falls on a weekend): the morning's digest goes out once.
      await dataSource.query(`UPDATE cycles SET policy = $1`, [
        { calendar: { workdays: isWeekend(today) ? [today] : [] } },
      ]);
      const [mail] = await eventually(async () => (mails.length > 0 ? mails : undefined));
      expect(mail.subject).toBe('【我的待办】今日共2项待办事项');
      expect(mail.text).toContain('签订军令状');
      expect(mail.text).toContain('https://jiebang.test/cycles/c-2026/units/u01/pledge');
      expect(mail.text).toContain('https://jiebang.test/cycles/c-2026/units/u01/reports/3');
      await new Promise((done) => setTimeout(done, 500));
      expect(mails).toHaveLength(1);
    } finally {
      await dataSource.query(`UPDATE cycles SET policy = '{}'`);
      await dataSource.query(`DELETE FROM users WHERE id = 'head-u01'`);
      await stopSmtp();
    }
  });

  it('dead-letters a send after its attempts with the last error, and resends it when asked', async () => {
    const receiver = new PlatformReceiver('feishu', 'feishu-secret');
    await receiver.up();
    await receiver.down();
    await addChannel(dataSource, { name: 'feishu-down', kind: 'feishu', url: receiver.url, secret: receiver.secret });
    await writeNotice(dataSource, notice('dead/1'));
    startDispatcher({ maxAttempts: 3, retryBaseMs: 50, retryMaxMs: 100 });
    await eventually(async () => ((await statuses()).dead === 1 ? true : undefined));
    const [row] = (await dataSource.query('SELECT id, attempts, last_error FROM deliveries')) as Array<{
      id: string;
      attempts: number;
      last_error: string;
    }>;
    expect(row.attempts).toBe(3);
    expect(row.last_error).toContain('ECONNREFUSED');
    await receiver.up();
    const repository = new DeliveryRepository(dataSource);
    expect(await repository.resend(row.id)).toBe('resent');
    expect(await repository.resend(row.id)).toBe('not-dead');
    await eventually(async () => (receiver.received.length === 1 ? true : undefined));
    expect((await statuses()).delivered).toBe(1);
    await receiver.down();
  });

  it('lists for administrators a notice nobody holds the role of and no channel carries', async () => {
    await writeNotice(dataSource, notice('nobody/1', { recipientRole: 'DISCIPLINE', step: 'escalation.acknowledge' }));
    await writeNotice(dataSource, notice('somebody/1'));
    startDispatcher();
    const repository = new DeliveryRepository(dataSource);
    const unreached = await eventually(async () => {
      const notices = await repository.unreached(10);
      return notices.length > 0 ? notices : undefined;
    });
    expect(unreached.map((n) => n.recipientRole)).toEqual(['DISCIPLINE']);
  });

  it('loses nothing when the delivering process is killed mid-delivery, and doubles only sends in flight', async () => {
    const built = resolve(__dirname, '../../dist/apps/worker/src/delivery-main.js');
    if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build first`);
    const receiver = new PlatformReceiver('webhook', 'kill-secret-0123456789');
    receiver.delayMs = 200;
    await receiver.up();
    await addChannel(dataSource, { name: 'kill', kind: 'webhook', url: receiver.url, secret: receiver.secret });
    const total = 200;
    for (let i = 0; i < total; i++) await writeNotice(dataSource, notice(`kill/${i}`));
    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      CHANNEL_SECRET_KEY: TEST_SECRET_KEY,
      OUTBOUND_ALLOW: TEST_OUTBOUND_ALLOW,
      DELIVERY_POLL_MS: '50',
      DELIVERY_BATCH_SIZE: '20',
      DELIVERY_CONCURRENCY: '8',
      DELIVERY_TIMEOUT_MS: '1000',
      LOG_LEVEL: 'warn',
    };
    const child: ChildProcess = spawn(process.execPath, [built], { env, stdio: 'ignore' });
    try {
      await eventually(async () => (receiver.received.length >= 40 ? true : undefined), { intervalMs: 20 });
      await crash(child);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    const inFlight = (
      (await dataSource.query(`SELECT id FROM deliveries WHERE status = 'sending'`)) as Array<{ id: string }>
    ).map((row) => row.id);
    // Another process takes over; what the dead one had claimed is due again when its lease ends.
    startDispatcher({ timeoutMs: 1_000, concurrency: 8, batchSize: 20 });
    await eventually(async () => ((await statuses()).delivered === total ? true : undefined), { timeoutMs: 60_000 });
    await new Promise((done) => setTimeout(done, 500));
    const counts = new Map<string, number>();
    for (const r of receiver.received) {
      const id = String(r.headers['x-jiebang-delivery']);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect(counts.size).toBe(total);
    const doubled = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
    for (const id of doubled) expect(inFlight).toContain(id);
    expect(doubled.length).toBeLessThanOrEqual(8);
    await receiver.down();
  });
});

/** Today's date in Asia/Shanghai (the seeded cycle's zone). */
function localDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}
