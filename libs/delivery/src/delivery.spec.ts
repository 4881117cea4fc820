import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { NotificationChannelEntity, OutboxNotice, DeliveryRecipient } from '@jiebang/persistence';
import { planDigest, planFanOut } from './delivery-plan';
import { SecretBox } from './secret-box';
import { dingtalkSignedUrl, feishuSign, webhookSignature } from './signing';

const notice = (overrides: Partial<OutboxNotice> = {}): OutboxNotice => ({
  id: 'n1',
  kind: 'reminder',
  step: 'report.submit',
  cycleId: 'c',
  unitId: 'u01',
  unitName: '区发改局',
  month: 3,
  subjectId: null,
  dueAt: null,
  subject: 's',
  recipientRole: 'UNIT_REPORTER',
  recipientUserId: null,
  createdAt: new Date(),
  ...overrides,
});

const person = (userId: string, overrides: Partial<DeliveryRecipient> = {}): DeliveryRecipient => ({
  userId,
  email: `${userId}@example.cn`,
  mobile: null,
  dingtalkUserId: null,
  wecomUserId: null,
  feishuUserId: null,
  language: 'zh-CN',
  digest: false,
  ...overrides,
});

const channel = (id: string, kind: NotificationChannelEntity['kind'], scope: Partial<NotificationChannelEntity> = {}) =>
  ({ id, kind, unitId: null, role: null, ...scope }) as NotificationChannelEntity;

describe('fan-out', () => {
  it('mails each recipient with an address who did not choose the digest, and posts once to each group', () => {
    const planned = planFanOut(
      [{ notice: notice(), recipients: [person('a'), person('b', { digest: true }), person('c', { email: null })] }],
      [channel('mail', 'email'), channel('robot', 'dingtalk')],
    );
    expect(planned.map((d) => d.key)).toEqual(['n1/mail/a', 'n1/robot/group']);
    expect(planned[1].mentions.map((m) => m.userId)).toEqual(['a', 'b', 'c']);
  });

  it('keeps a channel to its unit and role', () => {
    const channels = [
      channel('u02-only', 'webhook', { unitId: 'u02' }),
      channel('heads', 'webhook', { role: 'UNIT_HEAD' }),
    ];
    expect(planFanOut([{ notice: notice(), recipients: [] }], channels)).toEqual([]);
    expect(
      planFanOut([{ notice: notice({ unitId: 'u02' }), recipients: [] }], channels).map((d) => d.channelId),
    ).toEqual(['u02-only']);
  });

  it('carries a bulletin, for every unit, on a unit’s own channel and a channel of either unit role', () => {
    const bulletin = notice({ kind: 'bulletin', step: 'bulletin.read', unitId: null, recipientRole: 'UNIT_HEAD' });
    const channels = [
      channel('u02-only', 'webhook', { unitId: 'u02' }),
      channel('heads', 'webhook', { role: 'UNIT_HEAD' }),
      channel('reporters', 'dingtalk', { role: 'UNIT_REPORTER' }),
      channel('assessors', 'webhook', { role: 'ASSESSOR' }),
    ];
    expect(planFanOut([{ notice: bulletin, recipients: [] }], channels).map((d) => d.key)).toEqual([
      'n1/u02-only/group',
      'n1/heads/group',
      'n1/reporters/group',
    ]);
  });

  it('writes one digest per person and e-mail channel, in their language', () => {
    const planned = planDigest(
      '2026-12-01',
      [{ recipient: person('a', { digest: true, language: 'en' }), notices: [notice(), notice({ id: 'n2' })] }],
      [channel('mail', 'email'), channel('robot', 'feishu')],
    );
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({ key: 'digest/2026-12-01/mail/a', recipient: 'a', digest: { language: 'en' } });
    expect(planned[0].digest!.notices).toHaveLength(2);
  });
});

describe('signing and secrets', () => {
  it('signs as DingTalk, Feishu and the webhook document it', () => {
    const url = new URL(
      dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=t', 'SECx', 1_700_000_000_000),
    );
    expect(url.searchParams.get('access_token')).toBe('t');
    expect(url.searchParams.get('sign')).toBe(
      createHmac('sha256', 'SECx').update('1700000000000\nSECx').digest('base64'),
    );
    expect(feishuSign('k', 1_700_000_000)).toBe(createHmac('sha256', '1700000000\nk').update('').digest('base64'));
    expect(webhookSignature('k', 5, '{}')).toBe(`sha256=${createHmac('sha256', 'k').update('5.{}').digest('hex')}`);
  });

  it('seals secrets so that only the same key opens them', () => {
    const sealed = new SecretBox('key-one').seal('SEC-robot-secret');
    expect(sealed).not.toContain('SEC-robot-secret');
    expect(new SecretBox('key-one').open(sealed)).toBe('SEC-robot-secret');
    expect(() => new SecretBox('key-two').open(sealed)).toThrow(/CHANNEL_SECRET_KEY/);
  });
});
