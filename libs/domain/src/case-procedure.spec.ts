import { describe, expect, it } from 'vitest';
import { CASE_RUNGS, CASE_STEPS, caseProcedureOf } from './case-procedure';

const stepsOf = (rung: string, nominatedBy?: Parameters<typeof caseProcedureOf>[1]) =>
  caseProcedureOf(rung, nominatedBy).steps.map((rule) => `${rule.step}:${rule.roles.join('|')}:${rule.when}`);

describe('case procedures', () => {
  it('has a procedure with at least one outcome step for every known rung', () => {
    for (const rung of CASE_RUNGS)
      expect(CASE_STEPS[rung].steps.some((rule) => rule.when === 'after_approval')).toBe(true);
  });

  it('puts any step due before approval first', () => {
    for (const rung of CASE_RUNGS) {
      const whens = CASE_STEPS[rung].steps.map((rule) => rule.when);
      expect(whens.slice(whens.indexOf('after_approval'))).not.toContain('before_approval');
    }
  });

  it.each([
    [
      'keeps the unit head nominating at year end by default',
      'year_end_adjustment',
      undefined,
      ['cadre_nominated:UNIT_HEAD:before_approval', 'adjustment_recorded:ORG_DEPT:after_approval'],
    ],
    [
      'lets the rule name another nominating role',
      'year_end_adjustment',
      'UNIT_REPORTER',
      ['cadre_nominated:UNIT_REPORTER:before_approval', 'adjustment_recorded:ORG_DEPT:after_approval'],
    ],
    [
      'drops the nomination when the rule has none',
      'year_end_adjustment',
      null,
      ['adjustment_recorded:ORG_DEPT:after_approval'],
    ],
    [
      'adds a nomination to a rung that has none when the rule asks for one',
      'interview',
      'UNIT_HEAD',
      [
        'nominated:UNIT_HEAD:before_approval',
        'scheduled:ORG_DEPT|DISCIPLINE:after_approval',
        'held:ORG_DEPT|DISCIPLINE:after_approval',
        'minutes_recorded:ORG_DEPT|DISCIPLINE:after_approval',
      ],
    ],
    [
      'gives a rung a policy adds the generic procedure',
      'leadership_team_adjusted',
      undefined,
      ['outcome_recorded:ASSESSOR|ORG_DEPT:after_approval'],
    ],
  ] as const)('%s', (_name, rung, nominatedBy, expected) => {
    expect(stepsOf(rung, nominatedBy)).toEqual(expected);
  });
});
