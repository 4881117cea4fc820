import type { Language } from './account';
import type { NotificationKind, NotificationStep } from './notification';

/** What a template needs of a notification: the stored outbox row, with its unit's name. */
export interface NoticeFacts {
  kind: NotificationKind;
  step: NotificationStep | null;
  cycleId: string;
  unitId: string | null;
  unitName: string | null;
  month: number | null;
  subjectId: string | null;
  dueAt: string | null;
  /** The workflow's own sentence (English), kept as the detail. */
  subject: string;
}

/** A notice in one language: a title, the lines of its body, the path of its step. */
export interface RenderedNotice {
  title: string;
  lines: string[];
  link: string;
}

/** The one catalogue of message words (see docs/glossary.md: 催办提醒 / 到期通知 / 升级督办). */
const KIND_LABELS: Record<NotificationKind, Record<Language, string>> = {
  reminder: { 'zh-CN': '催办提醒', en: 'Reminder' },
  deadline: { 'zh-CN': '到期通知', en: 'Deadline notice' },
  escalation: { 'zh-CN': '升级督办', en: 'Escalation' },
  bulletin: { 'zh-CN': '通报', en: 'Bulletin' },
};

const STEP_LABELS: Record<NotificationStep, Record<Language, (month: number | null) => string>> = {
  'pledge.sign': { 'zh-CN': () => '签订军令状', en: () => 'Sign the pledge' },
  'report.submit': {
    'zh-CN': (m) => `报送${m ?? ''}月月度报告`,
    en: (m) => `Submit the monthly report${m ? ` for month ${m}` : ''}`,
  },
  'report.confirm': {
    'zh-CN': (m) => `审签${m ?? ''}月月度报告`,
    en: (m) => `Confirm the monthly report${m ? ` for month ${m}` : ''}`,
  },
  'report.review': {
    'zh-CN': (m) => `审核${m ?? ''}月月度报告`,
    en: (m) => `Review the monthly report${m ? ` for month ${m}` : ''}`,
  },
  'case.decide': { 'zh-CN': () => '审批问责事项', en: () => 'Decide on the case' },
  'case.record': { 'zh-CN': () => '办理并登记问责结果', en: () => "Record the case's outcome" },
  'supervision.respond': { 'zh-CN': () => '反馈督办事项（限时督办）', en: () => 'Respond to the supervision item' },
  'escalation.acknowledge': { 'zh-CN': () => '签收升级督办事项', en: () => 'Acknowledge the escalation' },
  'bulletin.read': {
    'zh-CN': (m) => `${m ?? ''}月考核通报已发布，请查阅`,
    en: (m) => `The bulletin${m ? ` of month ${m}` : ''} is out`,
  },
};

const FIELD_LABELS: Record<'what' | 'unit' | 'month' | 'due' | 'detail' | 'link' | 'read', Record<Language, string>> = {
  what: { 'zh-CN': '事项', en: 'What' },
  unit: { 'zh-CN': '责任单位', en: 'Unit' },
  month: { 'zh-CN': '月份', en: 'Month' },
  due: { 'zh-CN': '办理时限', en: 'Due by' },
  detail: { 'zh-CN': '说明', en: 'Detail' },
  link: { 'zh-CN': '办理链接', en: 'Link' },
  read: { 'zh-CN': '查阅链接', en: 'Read it at' },
};

const DIGEST_TITLE: Record<Language, (count: number) => string> = {
  'zh-CN': (count) => `【我的待办】今日共${count}项待办事项`,
  en: (count) => `[My tasks] ${count} pending today`,
};

/** The time zone deadlines are shown in. */
export const MESSAGE_TIME_ZONE = 'Asia/Shanghai';

/** `2026-12-05 17:00` in the district's time zone. */
export function formatDueAt(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: MESSAGE_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** The path (of the console and the API alike) of the step a notice asks for. */
export function stepLinkOf(facts: Pick<NoticeFacts, 'step' | 'cycleId' | 'unitId' | 'month' | 'subjectId'>): string {
  const unit = facts.unitId ? `/cycles/${facts.cycleId}/units/${facts.unitId}` : `/cycles/${facts.cycleId}`;
  switch (facts.step) {
    case 'pledge.sign':
      return `${unit}/pledge`;
    case 'report.submit':
    case 'report.confirm':
    case 'report.review':
      return facts.month ? `${unit}/reports/${facts.month}` : unit;
    case 'case.decide':
    case 'case.record':
      return facts.subjectId ? `/cases/${facts.subjectId}` : unit;
    case 'supervision.respond':
      return facts.subjectId ? `/supervision-items/${facts.subjectId}` : unit;
    case 'escalation.acknowledge':
      return '/escalations';
    case 'bulletin.read':
      // The published version (subjectId) to download; the console opens the month's board.
      return facts.month && facts.subjectId
        ? `/cycles/${facts.cycleId}/months/${facts.month}/bulletins/${facts.subjectId}`
        : `/cycles/${facts.cycleId}`;
    default:
      return unit;
  }
}

/** What a notice asks for, in the person's language; the workflow's own sentence when it names no step. */
export function noticeWhat(facts: Pick<NoticeFacts, 'step' | 'month' | 'subject'>, language: Language): string {
  return facts.step ? STEP_LABELS[facts.step][language](facts.month) : facts.subject;
}

/** A notice as a person reads it, in their language; `baseUrl` makes the link absolute for e-mail and robots. */
export function renderNotice(facts: NoticeFacts, language: Language, baseUrl = ''): RenderedNotice {
  const what = noticeWhat(facts, language);
  const unit = facts.unitName ?? facts.unitId;
  const title =
    language === 'zh-CN'
      ? `【${KIND_LABELS[facts.kind][language]}】${unit ? `${unit}：` : ''}${what}`
      : `[${KIND_LABELS[facts.kind][language]}] ${unit ? `${unit}: ` : ''}${what}`;
  const link = stepLinkOf(facts);
  const lines = [
    line(language, 'what', what),
    unit ? line(language, 'unit', unit) : null,
    facts.month ? line(language, 'month', language === 'zh-CN' ? `${facts.month}月` : String(facts.month)) : null,
    facts.dueAt ? line(language, 'due', formatDueAt(facts.dueAt)) : null,
    facts.step ? line(language, 'detail', facts.subject) : null,
    line(language, facts.kind === 'bulletin' ? 'read' : 'link', `${baseUrl}${link}`),
  ].filter((value): value is string => value !== null);
  return { title, lines, link };
}

/** One morning's digest: every notice of the person, in their language. */
export function renderDigest(notices: NoticeFacts[], language: Language, baseUrl = ''): RenderedNotice {
  const lines = notices.map((facts, index) => {
    const rendered = renderNotice(facts, language, baseUrl);
    const due = facts.dueAt ? ` (${FIELD_LABELS.due[language]} ${formatDueAt(facts.dueAt)})` : '';
    return `${index + 1}. ${rendered.title}${due} ${baseUrl}${rendered.link}`;
  });
  return { title: DIGEST_TITLE[language](notices.length), lines, link: '/messages' };
}

function line(language: Language, field: keyof typeof FIELD_LABELS, value: string): string {
  return `${FIELD_LABELS[field][language]}${language === 'zh-CN' ? '：' : ': '}${value}`;
}
