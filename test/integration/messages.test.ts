import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@jiebang/devstack/free-port';
import { eventually } from '../support/jiebang';
import { PlatformReceiver } from '../support/receivers';
import { tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';

const { admin, orgDept, leadership, headOf } = ACTORS;

interface Message {
  id: string;
  title: string;
  lines: string[];
  link: string;
  readAt: string | null;
}

describe('message centre, channels and escalation tasks over real HTTP, Temporal and Postgres', () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  const receiver = new PlatformReceiver('webhook', 'district-platform-secret-42');
  let cycleId = '';

  beforeAll(async () => {
    suite = await startJiebangSuite('messages-suite');
    await receiver.up();
  });

  afterAll(async () => {
    await receiver.down();
    await suite?.stop();
  });

  describe('channel configuration', () => {
    it('refuses an invalid URL, a missing secret and a WeCom URL without its key, naming the field', async () => {
      const bad = [
        { body: { name: 'a', kind: 'webhook', url: 'not a url', secret: 'x'.repeat(20) }, path: 'url' },
        {
          body: { name: 'b', kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t' },
          path: 'secret',
        },
        { body: { name: 'c', kind: 'feishu', url: 'ftp://open.feishu.cn/hook/x', secret: 's' }, path: 'url' },
        { body: { name: 'd', kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send' }, path: 'url' },
        { body: { name: 'e', kind: 'webhook', url: 'https://gov.example.cn/hook', secret: 'short' }, path: 'secret' },
      ];
      for (const { body, path } of bad) {
        const response = await call('POST', '/admin/channels', { actor: admin, body });
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
        expect((response.body.details as Array<{ path: string }>).map((d) => d.path)).toContain(path);
      }
      expect((await suite.db.query('SELECT count(*)::int AS n FROM notification_channels')).rows[0].n).toBe(0);
    });

    it('refuses an e-mail channel whose SMTP server does not answer with 422 naming host and port', async () => {
      const port = await freePort();
      const response = await call('POST', '/admin/channels', {
        actor: admin,
        body: { name: 'mail', kind: 'email', smtp: { host: '127.0.0.1', port, from: 'jiebang@example.cn' } },
      });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('SMTP_UNREACHABLE');
      expect(String(response.body.message)).toContain(`127.0.0.1:${port}`);
    });

    it('lets only administrators configure channels', async () => {
      const response = await call('GET', '/admin/channels', { actor: leadership });
      expect(response.status).toBe(403);
    });

    it('stores a webhook channel with its secret encrypted and never shows the secret', async () => {
      const created = await call('POST', '/admin/channels', {
        actor: admin,
        body: { name: '政务平台', kind: 'webhook', url: receiver.url, secret: receiver.secret },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ kind: 'webhook', hasSecret: true, enabled: true, unitId: null, role: null });
      const listed = await call('GET', '/admin/channels', { actor: admin });
      expect(JSON.stringify(listed.body)).not.toContain(receiver.secret);
      expect(JSON.stringify(created.body)).not.toContain(receiver.secret);
      const stored = (await suite.db.query('SELECT secret_cipher FROM notification_channels')).rows[0].secret_cipher;
      expect(stored).toMatch(/^v1:/);
      expect(stored).not.toContain(receiver.secret);
      const audit = await suite.db.query(
        `SELECT change::text AS change FROM audit_log WHERE action = 'channel.created'`,
      );
      expect(audit.rows).toHaveLength(1);
      expect(audit.rows[0].change).not.toContain(receiver.secret);
    });
  });

  describe('a reminder from a running workflow', () => {
    it("reaches the head's message centre with the link of the step, and the district's webhook", async () => {
      // The head and ORG_DEPT exist before the reminder and the escalation fire, so delivery finds them.
      expect((await call('GET', '/messages', { actor: headOf('u-a') })).body).toMatchObject({
        messages: [],
        unread: 0,
      });
      const imported = await call('POST', '/cycles', {
        actor: admin,
        body: tinyScenario('Message district', { pledgeDeadline: '5s', reminderOffsets: ['3s'] }),
      });
      expect(imported.status).toBe(201);
      cycleId = (imported.body.cycle as { id: string }).id;

      const page = await eventually(async () => {
        const response = await call('GET', '/messages', { actor: headOf('u-a') });
        return (response.body.messages as Message[]).length >= 1 ? response.body : undefined;
      });
      const [reminder] = (page.messages as Message[]).slice(-1);
      expect(reminder.title).toBe('【催办提醒】区发改局：签订军令状');
      expect(reminder.link).toBe(`/cycles/${cycleId}/units/u-a/pledge`);
      expect(reminder.readAt).toBeNull();
      expect(page.unread).toBeGreaterThanOrEqual(1);

      const sent = await eventually(async () =>
        receiver.received.find((r) => r.body.step === 'pledge.sign' && r.body.unitId === 'u-a'),
      );
      expect(receiver.refused).toEqual([]);
      expect(sent.body.link).toBe(`http://localhost:3000/cycles/${cycleId}/units/u-a/pledge`);
      expect(sent.body.mentions).toEqual(['head-u-a']);
    });

    it('counts unread messages and marks them read; another person cannot touch them', async () => {
      const { messages } = (await call('GET', '/messages', { actor: headOf('u-a') })).body as { messages: Message[] };
      const before = (await call('GET', '/messages/unread-count', { actor: headOf('u-a') })).body.unread as number;
      const read = await call('POST', `/messages/${messages[0].id}/read`, { actor: headOf('u-a') });
      expect(read.status).toBe(200);
      expect(read.body.unread).toBe(before - 1);
      const foreign = await call('POST', `/messages/${messages[0].id}/read`, { actor: headOf('u-b') });
      expect(foreign.status).toBe(404);
      const malformed = await call('POST', '/messages/not-an-id/read', { actor: headOf('u-a') });
      expect(malformed.status).toBe(400);
    });

    it('shows messages in English to a person who chose it', async () => {
      const saved = await call('PUT', '/messages/preferences', {
        actor: headOf('u-a'),
        body: { language: 'en', digest: false },
      });
      expect(saved.status).toBe(200);
      const bad = await call('PUT', '/messages/preferences', {
        actor: headOf('u-a'),
        body: { language: 'fr', digest: false },
      });
      expect(bad.status).toBe(400);
      const { messages } = (await call('GET', '/messages', { actor: headOf('u-a') })).body as { messages: Message[] };
      expect(messages.map((m) => m.title)).toContain('[Reminder] 区发改局: Sign the pledge');
    });
  });

  describe('escalations are tasks', () => {
    it('stays on ORG_DEPT tasks until someone of that role acknowledges it with a note, audited', async () => {
      const task = await eventually(async () => {
        const response = await call('GET', '/escalations', { actor: orgDept });
        return (response.body as unknown as Array<{ id: string; unitId: string }>).find((t) => t.unitId === 'u-a');
      });
      expect((await call('GET', '/escalations', { actor: leadership })).body).toEqual([]);
      for (const query of ['all=yes', 'all=true&all=false', 'open=true']) {
        const refused = await call('GET', `/escalations?${query}`, { actor: orgDept });
        expect(refused.status, query).toBe(400);
        expect(refused.body.code, query).toBe('VALIDATION_FAILED');
      }
      // ORG_DEPT is told too, with the link to its tasks.
      const told = await eventually(async () => {
        const { messages } = (await call('GET', '/messages', { actor: orgDept })).body as { messages: Message[] };
        return messages.find((m) => m.title === '【升级督办】区发改局：签收升级督办事项');
      });
      expect(told.link).toBe('/escalations');

      const path = `/escalations/${task.id}/acknowledgement`;
      expect((await call('POST', path, { actor: orgDept, body: { note: ' ' } })).status).toBe(400);
      const stranger = await call('POST', path, { actor: leadership, body: { note: 'seen' } });
      expect(stranger.status).toBe(403);
      expect(stranger.body.code).toBe('NOT_ADDRESSEE');

      const acknowledged = await call('POST', path, {
        actor: orgDept,
        body: { note: '已约谈单位主要负责人，督促签订' },
      });
      expect(acknowledged.status).toBe(200);
      expect(acknowledged.body).toMatchObject({ acknowledgedBy: 'org-1', note: '已约谈单位主要负责人，督促签订' });
      const twice = await call('POST', path, { actor: orgDept, body: { note: 'again' } });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('ESCALATION_ALREADY_ACKNOWLEDGED');

      const open = (await call('GET', '/escalations', { actor: orgDept })).body as unknown as Array<{ id: string }>;
      expect(open.map((t) => t.id)).not.toContain(task.id);
      const audit = await suite.db.query(
        `SELECT actor_id, actor_role, reason FROM audit_log WHERE action = 'escalation.acknowledged'`,
      );
      expect(audit.rows).toEqual([
        { actor_id: 'org-1', actor_role: 'ORG_DEPT', reason: '已约谈单位主要负责人，督促签订' },
      ]);
    });
  });
  describe('dead letters', () => {
    it('shows a send the receiver refuses with its error, and resends it once the channel is fixed', async () => {
      const platform = new PlatformReceiver('webhook', 'assessor-platform-right-secret');
      await platform.up();
      try {
        const created = await call('POST', '/admin/channels', {
          actor: admin,
          body: {
            name: '考评组平台',
            kind: 'webhook',
            url: platform.url,
            secret: 'a-wrong-secret-0123456789',
            role: 'ASSESSOR',
          },
        });
        expect(created.status).toBe(201);
        // A review deadline as a workflow writes it to the outbox.
        await suite.db.query(
          `INSERT INTO notifications (key, cycle_id, unit_id, kind, recipient_role, subject, due_at, step, month)
           VALUES ('dead-letter-test', $1, 'u-a', 'deadline', 'ASSESSOR', 'Review of month 1 overdue', now(), 'report.review', 1)`,
          [cycleId],
        );
        const dead = await eventually(async () => {
          const response = await call('GET', '/admin/deliveries?status=dead', { actor: admin });
          return (response.body as unknown as Array<{ id: string; channelName: string; lastError: string }>).find(
            (d) => d.channelName === '考评组平台',
          );
        });
        expect(dead.lastError).toContain('HTTP 401');
        expect(platform.received).toHaveLength(0);

        const fixed = await call('PUT', `/admin/channels/${created.body.id as string}`, {
          actor: admin,
          body: { name: '考评组平台', kind: 'webhook', url: platform.url, secret: platform.secret, role: 'ASSESSOR' },
        });
        expect(fixed.status).toBe(200);
        expect((await call('POST', `/admin/deliveries/${dead.id}/resend`, { actor: admin })).status).toBe(200);
        const again = await call('POST', `/admin/deliveries/${dead.id}/resend`, { actor: admin });
        expect(again.status).toBe(409);
        expect(again.body.code).toBe('DELIVERY_NOT_DEAD');
        const missing = await call('POST', '/admin/deliveries/00000000-0000-4000-8000-000000000000/resend', {
          actor: admin,
        });
        expect(missing.status).toBe(404);
        await eventually(async () => (platform.received.length === 1 ? true : undefined));
        expect(platform.received[0].body.title).toBe('【到期通知】区发改局：审核1月月度报告');
      } finally {
        await platform.down();
      }
    });
  });
});
