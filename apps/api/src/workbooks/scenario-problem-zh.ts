import type { MilestoneKind } from '@jiebang/domain';
import { MILESTONE_LABELS } from './target-workbook-layout';

/**
 * The scenario check's sentences (English, from `validateScenario`) in Chinese, for the people
 * who upload a workbook. A sentence without a translation here is shown in English after 内容有误.
 */
const TRANSLATIONS: ReadonlyArray<[RegExp, (...groups: string[]) => string]> = [
  [/^required/, () => '必填项未填写'],
  [/^unknown field$/, () => '未知的设置项或字段'],
  [/^unknown unit "(.*)"$/, (unit) => `未知的责任单位“${unit}”`],
  [/^unknown category "(.*)"$/, (category) => `未知的单位类别“${category}”`],
  [
    /^duplicate (?:category|unit|indicator) id "(.*)", first used at (.*)$/,
    (id, first) => `编码“${id}”重复，已在 ${first} 使用`,
  ],
  [
    /^unit (\S+) weights add up to (\S+), expected (\S+)$/,
    (unit, total, expected) => `单位 ${unit} 的指标权重合计为 ${total}，应为 ${expected}`,
  ],
  [/^unit (\S+) has no indicators; .* (\S+)$/, (unit, full) => `单位 ${unit} 没有考核指标（权重合计须为 ${full}）`],
  [/^a plan never decreases: (\S+) after (\S+)$/, (share, before) => `时序计划不能倒退：${before} 之后为 ${share}`],
  [/^the plan must reach 1 at month 12/, () => '时序计划到12月须为 100%'],
  [/^a plan share must be above 0/, () => '时序计划比例须大于 0'],
  [/^a plan share must be at most 1/, () => '时序计划比例不能超过 100%'],
  [/^a plan has exactly/, () => '时序计划须填满十二个月'],
  [/^expected an id/, () => '编码须为 1 到 64 位字母、数字、“-”或“_”'],
  [/^a name must not be empty/, () => '名称不能为空'],
  [/^a name is at most (\d+)/, (max) => `名称不超过 ${max} 个字`],
  [/^expected one of (.*), got (.*)$/, (allowed, got) => `取值 ${got} 不在可选范围内（${allowed}）`],
  [
    /^expected (\w+), got (\w+)$/,
    (expected) => `格式不对（应为${expected === 'number' ? '数字' : expected === 'string' ? '文字' : expected}）`,
  ],
  [/(\S+) is the lead unit of this indicator$/, (unit) => `${unit} 是本指标的牵头单位，不能同时作为配合单位`],
  [
    /the satisfactory value must be (above|below) the disallowed value/,
    (side) => `满意值须${side === 'above' ? '高于' : '低于'}不允许值`,
  ],
  [/^a weight cannot be negative/, () => '权重不能为负数'],
  [/^unknown leader "([^"]*)"/, (leader) => `未知的挂帅领导“${leader}”（须在“挂帅领导”表中列出）`],
  [/^unknown indicator "(.*)"$/, (indicator) => `未知的考核指标“${indicator}”`],
  [
    /^indicator (\S+) belongs to unit (\S+), not to the project's owner unit (\S+)$/,
    (indicator, owner, unit) => `指标 ${indicator} 属于单位 ${owner}，不是项目责任单位 ${unit} 的指标`,
  ],
  [
    /^this year's planned investment (\S+) is above the project's total planned investment (\S+)$/,
    (year, total) => `年度计划投资 ${year} 超过计划总投资 ${total}`,
  ],
  [/^(\S+) is outside the cycle's year (\d+)/, (due, year) => `${due} 不在考核年度 ${year} 内（仅竣工可晚于年度）`],
  [
    /^(\S+) is before (\S+), the due date of (\S+): due dates never decrease$/,
    (due, before, kind) => `${due} 早于${milestoneLabel(kind)}时限 ${before}：各节点时限不能倒退`,
  ],
  [/^(?:plannedInvestment|yearInvestment) cannot be negative/, () => '投资额不能为负数'],
  [/^a year is/, () => '年度须为 1900 到 9999 之间的整数'],
  [
    /^list at least one (\w+)/,
    (what) => `至少列出一个${what === 'unit' ? '责任单位' : what === 'category' ? '单位类别' : what}`,
  ],
  [/must be a (?:finite )?number$/, () => '须为数字'],
  [/must be a whole number$/, () => '须为整数'],
  [/^fullScore must be above 0/, () => '满分须大于 0'],
  [/^scoreCap \((.*)\) must be above scoreFloor \((.*)\)$/, (cap, floor) => `最高分（${cap}）须高于最低分（${floor}）`],
  [/is from 1 to 28$/, () => '须为 1 到 28 之间的整数'],
];

function milestoneLabel(kind: string): string {
  return MILESTONE_LABELS[kind as MilestoneKind] ?? kind;
}

/** The Chinese of a scenario problem's message. */
export function scenarioMessageZh(message: string): string {
  for (const [pattern, say] of TRANSLATIONS) {
    const match = pattern.exec(message);
    if (match) return say(...match.slice(1));
  }
  return `内容有误：${message}`;
}
