import { describe, expect, it } from 'vitest';
import { PLAN_LADDER, RANK_LADDER } from './ladder-rules';
import { defaultPolicy, policySchema } from './policy';

const issues = (policy: unknown) =>
  (policySchema.safeParse(policy).error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);

describe('policy', () => {
  it('fills the defaults of docs/rules.md', () => {
    expect(defaultPolicy()).toMatchObject({
      fullScore: 100,
      scoreFloor: 0,
      scoreCap: 100,
      yellowFrom: 80,
      bottomN: 1,
      ladders: ['rank'],
      planLadderDimensions: ['项目建设', '招商引资'],
      pledgeDeadline: '7d',
      reminderOffsets: ['3d', '1d'],
      reportDueDay: 5,
      resubmitDeadline: '2d',
      reviewDeadline: '3d',
      appealWindow: '2d',
      approvalDeadline: '3d',
      calendar: { timezone: 'Asia/Shanghai', holidays: [], workdays: [] },
    });
  });

  it('resolves the rules from the chosen ladders, rank ladder first', () => {
    expect(defaultPolicy().rules).toEqual(RANK_LADDER);
    expect(policySchema.parse({ ladders: ['plan', 'rank'] }).rules).toEqual([...RANK_LADDER, ...PLAN_LADDER]);
    expect(policySchema.parse({ ladders: [] }).rules).toEqual([]);
  });

  it('lets explicit rules replace the presets', () => {
    const rules = [
      { id: 'rank.long_interview', rung: 'interview', consequence: '约谈', trigger: { basis: 'lagging', streak: 3 } },
    ];
    const policy = policySchema.parse({ ladders: ['rank', 'plan'], rules });
    expect(policy.rules).toEqual([
      { ...rules[0], trigger: { basis: 'lagging', period: 'month', streak: 3 }, supersedes: [], approvers: [] },
    ]);
  });

  it('parses its own output to the same policy', () => {
    const policy = policySchema.parse({ ladders: ['rank', 'plan'], bottomN: 2 });
    expect(policySchema.parse(JSON.parse(JSON.stringify(policy)))).toEqual(policy);
  });

  it('refuses bad values with the field at fault', () => {
    expect(issues({ bottomN: 1.5 })).toEqual(['bottomN: bottomN must be a whole number']);
    expect(issues({ scoreFloor: 100, scoreCap: 100 })).toEqual([
      'scoreCap: scoreCap (100) must be above scoreFloor (100)',
    ]);
    expect(issues({ ladders: ['rank', 'rank'] })).toEqual(['ladders: a ladder is listed twice']);
    expect(issues({ reportDueDay: 31 })).toEqual(['reportDueDay: reportDueDay is from 1 to 28']);
    expect(issues({ approvalDeadline: '3 days' })).toHaveLength(1);
    expect(issues({ fullScore: Infinity })).toEqual(['fullScore: fullScore must be a finite number']);
    expect(issues({ colour: 'red' })).toEqual([expect.stringMatching(/Unrecognized key/)]);
  });
});
