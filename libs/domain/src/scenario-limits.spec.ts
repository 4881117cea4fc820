import { describe, expect, it } from 'vitest';
import { durationSchema } from './duration';
import { policySchema } from './policy';
import { SCENARIO_LIMITS } from './scenario-limits';

const problems = (policy: unknown) =>
  (policySchema.safeParse(policy).error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);

describe('scenario limits', () => {
  it.each(['pledgeDeadline', 'reviewDeadline', 'resubmitDeadline', 'appealWindow', 'approvalDeadline', 'reportWindow'])(
    'refuses %s of 100000000d, naming the field',
    (field) => {
      expect(problems({ [field]: '100000000d' })).toEqual([`${field}: a duration is at most 366d`]);
    },
  );

  it('accepts durations up to a year in any unit, and refuses one past it', () => {
    for (const duration of ['0ms', '2s', '36h', '366d', `${366 * 24}h`])
      expect(durationSchema.parse(duration)).toBe(duration);
    for (const duration of ['367d', `${367 * 24}h`, '99999999999999999999ms'])
      expect(durationSchema.safeParse(duration).success).toBe(false);
  });

  it('bounds the counts of a policy', () => {
    expect(problems({ bottomN: SCENARIO_LIMITS.maxBottomN + 1 })).toEqual(['bottomN: bottomN is at most 1000']);
    expect(problems({ reminderOffsets: Array.from({ length: 11 }, () => '1d') })).toEqual([
      'reminderOffsets: at most 10 reminders',
    ]);
    expect(problems({ calendar: { holidays: Array.from({ length: 401 }, () => '2026-01-01') } })).toEqual([
      'calendar.holidays: at most 400 dates',
    ]);
  });
});
