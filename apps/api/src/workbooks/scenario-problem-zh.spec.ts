import { describe, expect, it } from 'vitest';
import { validateScenario } from '@jiebang/contracts';
import { scenarioMessageZh } from './scenario-problem-zh';
import { exampleDocument } from './target-workbook-writer';

/** The example district with `change` made to a copy of it, as a scenario document. */
function exampleWith(change: (document: Record<string, unknown>) => void): Record<string, unknown> {
  const document: Record<string, unknown> = {
    format: 'jiebang-scenario/1',
    ...(JSON.parse(JSON.stringify(exampleDocument(2027))) as Record<string, unknown>),
  };
  change(document);
  return document;
}

const project = (document: Record<string, unknown>) => (document.projects as Array<Record<string, unknown>>)[0];

const indicator = (document: Record<string, unknown>, index: number) =>
  (document.indicators as Array<Record<string, unknown>>)[index];

describe('the scenario check in Chinese', () => {
  it.each<[string, (document: Record<string, unknown>) => void, string]>([
    ['an unknown unit', (d) => (indicator(d, 0).unit = 'u-x'), '未知的责任单位“u-x”'],
    [
      'an unknown category',
      (d) => ((d.units as Array<Record<string, unknown>>)[0].category = 'c-x'),
      '未知的单位类别“c-x”',
    ],
    ['weights not adding up', (d) => (indicator(d, 1).weight = 90), '单位 u-com 的指标权重合计为 90，应为 100'],
    [
      'a plan going backwards',
      (d) => ((indicator(d, 0).plan as number[])[3] = 0.1),
      '时序计划不能倒退：0.2 之后为 0.1',
    ],
    ['a plan not reaching 100%', (d) => ((indicator(d, 0).plan as number[])[11] = 0.99), '时序计划到12月须为 100%'],
    ['a duplicate id', (d) => (indicator(d, 1).id = 'dev-invest'), '编码“dev-invest”重复，已在 indicators[0] 使用'],
    ['a bad id', (d) => (indicator(d, 0).id = 'dev invest'), '编码须为 1 到 64 位字母、数字、“-”或“_”'],
    ['a missing name', (d) => delete indicator(d, 0).name, '必填项未填写'],
    ['the lead unit cooperating', (d) => (indicator(d, 0).cooperating = ['u-dev']), '不能同时作为配合单位'],
    ['a target on the wrong side', (d) => (indicator(d, 1).satisfactory = 100), '满意值须高于不允许值'],
    ['a negative weight', (d) => (indicator(d, 0).weight = -1), '权重不能为负数'],
    ['a bad year', (d) => (d.year = 1800), '年度须为 1900 到 9999 之间的整数'],
    ['an unknown policy field', (d) => (d.policy = { colour: 'red' }), '未知的设置项或字段'],
    ['a bad score cap', (d) => (d.policy = { scoreFloor: 50, scoreCap: 40 }), '最高分（40）须高于最低分（50）'],
    ['an unknown leader', (d) => (project(d).leader = 'l-x'), '未知的挂帅领导“l-x”'],
    ['an unknown project indicator', (d) => (project(d).indicator = 'i-x'), '未知的考核指标“i-x”'],
    ['an indicator of another unit', (d) => (project(d).indicator = 'com-retail'), '不是项目责任单位 u-dev 的指标'],
    [
      'a year investment above the total',
      (d) => (project(d).yearInvestment = 60000),
      '年度计划投资 60000 超过计划总投资',
    ],
    [
      'a milestone outside the year',
      (d) => ((project(d).milestones as Array<Record<string, unknown>>)[1].due = '2028-01-10'),
      '不在考核年度 2027 内',
    ],
    [
      'milestones going backwards',
      (d) => ((project(d).milestones as Array<Record<string, unknown>>)[1].due = '2027-01-10'),
      '早于签约时限 2027-03-31',
    ],
    ['a negative investment', (d) => (project(d).plannedInvestment = -5), '投资额不能为负数'],
  ])('says %s in Chinese', (_case, change, expected) => {
    const validation = validateScenario(exampleWith(change));
    expect(validation.ok).toBe(false);
    const messages = validation.ok ? [] : validation.problems.map((problem) => scenarioMessageZh(problem.message));
    expect(messages.join(' | ')).toContain(expected);
    expect(messages.filter((message) => message.startsWith('内容有误'))).toEqual([]);
  });
});
