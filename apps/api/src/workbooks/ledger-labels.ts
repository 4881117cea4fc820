import type { Role } from '@jiebang/domain';

/** The glossary's Chinese labels the ledgers print (GLOSSARY: roles, rungs, case and supervision states). */
export const RUNG_LABELS: Readonly<Record<string, string>> = {
  warning_speech: '表态发言',
  interview: '约谈',
  quarterly_discipline: '处分（含调整分管负责同志）',
  year_end_adjustment: '年终调整',
  written_explanation: '书面情况说明',
  meeting_explanation: '常务会议说明',
  admonishment_talk: '诫勉谈话',
  bonus_withheld: '不发考核奖',
};

export const CASE_STATUS_LABELS: Readonly<Record<string, string>> = {
  awaiting_approval: '待审批',
  in_progress: '办理中',
  completed: '已办结',
  rejected: '已否决',
};

export const SUPERVISION_STATUS_LABELS: Readonly<Record<string, string>> = {
  open: '待反馈',
  responded: '已反馈',
  returned: '已退回',
  closed: '已销号',
};

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  UNIT_HEAD: '单位主要负责人（一把手）',
  UNIT_REPORTER: '单位联络员',
  ASSESSOR: '督查考评组',
  ORG_DEPT: '组织部',
  DISCIPLINE: '纪委监委',
  LEADERSHIP: '区委区政府领导',
  ADMIN: '系统管理员',
  RATER: '评议员',
};

export const RANKING_STATUS_LABELS: Readonly<Record<string, string>> = {
  provisional: '初步排名',
  final: '最终排名',
  published: '已公布',
  superseded: '已更正',
};

export const YES = '是';
export const NO = '否';

/** 是 / 否 for a flag. */
export function yesNo(flag: boolean): string {
  return flag ? YES : NO;
}

/** The label of a code, or the code itself where the glossary has none. */
export function labelOf(labels: Readonly<Record<string, string>>, code: string): string {
  return labels[code] ?? code;
}

/** The milestones of a key project (GLOSSARY: 节点). */
export const MILESTONE_LABELS: Readonly<Record<string, string>> = {
  signed: '签约',
  land: '供地 / 清场交地',
  started: '开工',
  in_statistics: '入统',
  completed: '竣工',
};

/** Where a milestone stands on the project map. */
export const MILESTONE_STANDING_LABELS: Readonly<Record<string, string>> = {
  done: '已完成',
  due: '待完成',
  overdue: '已逾期',
};
