import { describe, expect, it } from 'vitest';
import { formatDueAt, renderDigest, renderNotice, stepLinkOf, type NoticeFacts } from './message-catalogue';
import { NOTIFICATION_KINDS, NOTIFICATION_STEPS } from './notification';

const facts = (overrides: Partial<NoticeFacts> = {}): NoticeFacts => ({
  kind: 'reminder',
  step: 'report.submit',
  cycleId: 'c-2026',
  unitId: 'u01',
  unitName: '区发改局',
  month: 3,
  subjectId: null,
  dueAt: '2026-04-05T09:00:00.000Z',
  subject: 'Report for month 3 due 2026-04-05T09:00:00.000Z',
  ...overrides,
});

describe('message catalogue', () => {
  it('says what, for which unit and month, by when, and links the step, in Chinese', () => {
    const notice = renderNotice(facts(), 'zh-CN', 'https://jiebang.example.cn');
    expect(notice.title).toBe('【催办提醒】区发改局：报送3月月度报告');
    expect(notice.lines).toEqual([
      '事项：报送3月月度报告',
      '责任单位：区发改局',
      '月份：3月',
      '办理时限：2026-04-05 17:00',
      '说明：Report for month 3 due 2026-04-05T09:00:00.000Z',
      '办理链接：https://jiebang.example.cn/cycles/c-2026/units/u01/reports/3',
    ]);
  });

  it('has a title in both languages for every kind and step', () => {
    for (const kind of NOTIFICATION_KINDS)
      for (const step of NOTIFICATION_STEPS)
        for (const language of ['zh-CN', 'en'] as const) {
          const { title, link } = renderNotice(facts({ kind, step, subjectId: 'x1' }), language);
          expect(title.length).toBeGreaterThan(5);
          expect(link.startsWith('/')).toBe(true);
        }
    expect(renderNotice(facts({ kind: 'escalation', step: 'escalation.acknowledge' }), 'en').title).toBe(
      '[Escalation] 区发改局: Acknowledge the escalation',
    );
  });

  it('falls back to the workflow sentence for a notice that names no step', () => {
    const notice = renderNotice(facts({ step: null, month: null, subject: 'Something else' }), 'zh-CN');
    expect(notice.title).toBe('【催办提醒】区发改局：Something else');
    expect(notice.link).toBe('/cycles/c-2026/units/u01');
  });

  it('announces a bulletin to every unit with the link of its published version', () => {
    const notice = renderNotice(
      facts({
        kind: 'bulletin',
        step: 'bulletin.read',
        unitId: null,
        unitName: null,
        month: 3,
        subjectId: '2',
        dueAt: null,
        subject: '2026 第 3 月目标管理考核通报（第 2 版）',
      }),
      'zh-CN',
      'https://j',
    );
    expect(notice.title).toBe('【通报】3月考核通报已发布，请查阅');
    expect(notice.lines).toEqual([
      '事项：3月考核通报已发布，请查阅',
      '月份：3月',
      '说明：2026 第 3 月目标管理考核通报（第 2 版）',
      '查阅链接：https://j/cycles/c-2026/months/3/bulletins/2',
    ]);
  });

  it('links cases and supervision items by their id', () => {
    expect(stepLinkOf({ ...facts(), step: 'case.decide', subjectId: 'case-1' })).toBe('/cases/case-1');
    expect(stepLinkOf({ ...facts(), step: 'supervision.respond', subjectId: 'it-1' })).toBe('/supervision-items/it-1');
  });

  it('lists every item of a digest with its link', () => {
    const digest = renderDigest([facts(), facts({ step: 'pledge.sign', month: null })], 'zh-CN', 'https://j');
    expect(digest.title).toBe('【我的待办】今日共2项待办事项');
    expect(digest.lines[1]).toContain('https://j/cycles/c-2026/units/u01/pledge');
  });

  it('shows deadlines in the district time zone', () => {
    expect(formatDueAt('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
  });
});
