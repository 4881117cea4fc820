import { describe, expect, it } from 'vitest';
import { PLAN_LADDER, RANK_LADDER, ladderRulesSchema, presetRules, type LadderRuleInput } from './ladder-rules';

const issues = (rules: unknown) =>
  (ladderRulesSchema.safeParse(rules).error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
const rule = (overrides: Partial<LadderRuleInput> & Pick<LadderRuleInput, 'id' | 'rung'>): LadderRuleInput => ({
  consequence: 'c',
  trigger: { basis: 'lagging' },
  ...overrides,
});

describe('ladder rules', () => {
  it('ships both ladders of docs/rules.md as presets of the one general form', () => {
    expect(ladderRulesSchema.parse([...RANK_LADDER, ...PLAN_LADDER])).toEqual([...RANK_LADDER, ...PLAN_LADDER]);
    expect(presetRules(['rank']).map((preset) => preset.rung)).toEqual([
      'warning_speech',
      'interview',
      'quarterly_discipline',
      'year_end_adjustment',
    ]);
    expect(presetRules(['plan']).map((preset) => preset.trigger.period)).toEqual([
      'month',
      'quarter',
      'half_year',
      'year',
    ]);
  });

  it('hands out copies of the presets', () => {
    presetRules(['rank'])[0].approvers.push('ADMIN');
    expect(RANK_LADDER[0].approvers).toEqual([]);
  });

  it('refuses duplicate ids', () => {
    expect(issues([rule({ id: 'a', rung: 'interview' }), rule({ id: 'a', rung: 'warning_speech' })])).toEqual([
      '1.id: duplicate rule id "a" (first at rules[0])',
    ]);
  });

  it('needs a required rung to come from an earlier rule', () => {
    const discipline = rule({
      id: 'b',
      rung: 'quarterly_discipline',
      trigger: { basis: 'lagging', period: 'quarter', requires: { rung: 'interview', within: 'quarter' } },
    });
    expect(issues([rule({ id: 'a', rung: 'interview' }), discipline])).toEqual([]);
    expect(issues([discipline, rule({ id: 'a', rung: 'interview' })])).toEqual([
      expect.stringMatching(/^0\.trigger\.requires\.rung: no earlier rule fires rung "interview"/),
    ]);
  });

  it('checks superseded rungs, annual triggers, dimensions and approvers', () => {
    expect(issues([rule({ id: 'a', rung: 'interview', supersedes: ['bonus_withheld'] })])).toEqual([
      '0.supersedes.0: no rule fires rung "bonus_withheld"',
    ]);
    expect(
      issues([
        rule({ id: 'a', rung: 'year_end_adjustment', trigger: { basis: 'annual_task_incomplete', period: 'quarter' } }),
      ]),
    ).toEqual(['0.trigger.period: the annual task is decided at month 12: use period "year"']);
    expect(
      issues([rule({ id: 'a', rung: 'interview', trigger: { basis: 'lagging', dimensions: ['项目建设'] } })]),
    ).toEqual(['0.trigger.dimensions: dimensions apply only to plan_miss triggers']);
    expect(issues([rule({ id: 'a', rung: 'interview', approvers: ['ORG_DEPT', 'ORG_DEPT'] })])).toEqual([
      '0.approvers.1: ORG_DEPT is listed twice',
    ]);
  });

  it('knows only the rungs the workflows can run, and the roles of docs/rules.md', () => {
    expect(issues([rule({ id: 'a', rung: 'public_shaming' as never })])).toEqual([
      expect.stringMatching(/^0\.rung: expected one of the rungs/),
    ]);
    expect(issues([rule({ id: 'a', rung: 'interview', approvers: ['MAYOR' as never] })])).toEqual([
      expect.stringMatching(/^0\.approvers\.0: expected one of the roles/),
    ]);
  });

  it('refuses streaks outside 1..12 and unknown fields', () => {
    expect(issues([rule({ id: 'a', rung: 'interview', trigger: { basis: 'lagging', streak: 13 } })])).toHaveLength(1);
    expect(issues([{ ...rule({ id: 'a', rung: 'interview' }), colour: 'red' }])).toHaveLength(1);
  });
});
