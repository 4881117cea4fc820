import type { Light } from '@jiebang/domain';

export { TEXT_LIMITS } from '@jiebang/contracts/http/fields';

/** The bulletin's words, as docs/glossary.md prints them. */
export const RUNG_LABELS: Record<string, string> = {
  warning_speech: '表态发言',
  interview: '约谈',
  quarterly_discipline: '处分（含调整分管负责同志）',
  year_end_adjustment: '年终调整',
  written_explanation: '书面情况说明',
  meeting_explanation: '常务会议说明',
  admonishment_talk: '诫勉谈话',
  bonus_withheld: '不发考核奖',
};

export const CASE_STATUS_LABELS: Record<string, string> = {
  awaiting_approval: '待审批',
  in_progress: '办理中',
  completed: '已办结',
  rejected: '已否决',
};

export const LIGHT_LABELS: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };
