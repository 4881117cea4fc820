import { describe, expect, it } from 'vitest';
import { cyclePeriods } from './calendar';
import { policySchema } from './policy';
import { dispatchWeeks, weekAt } from './weekly-dispatch';

describe('dispatchWeeks', () => {
  it('cuts the year into calendar weeks, Monday to Monday in the zone, each closing at its end', () => {
    const policy = policySchema.parse({ weeklyDispatch: { categories: ['econ'] } });
    const weeks = dispatchWeeks(cyclePeriods(2026, policy.calendar), policy);
    // 1 January 2026 is a Thursday: the first week is Thursday to Sunday.
    expect(weeks[0]).toEqual({
      week: 1,
      start: '2025-12-31T16:00:00.000Z',
      end: '2026-01-04T16:00:00.000Z',
      reminders: ['2026-01-03T16:00:00.000Z'],
    });
    expect(weeks[1]).toMatchObject({ week: 2, start: '2026-01-04T16:00:00.000Z', end: '2026-01-11T16:00:00.000Z' });
    expect(weeks).toHaveLength(53);
    expect(weeks[52]!.end).toBe('2026-12-31T16:00:00.000Z');
    expect(weekAt(weeks, Date.parse('2026-01-05T00:00:00Z'))?.week).toBe(2);
  });

  it('uses weekLength when set, at most 60 weeks, and nothing without weeklyDispatch', () => {
    const short = policySchema.parse({ weeklyDispatch: { categories: ['econ'], weekLength: '1h', reminders: [] } });
    const weeks = dispatchWeeks(cyclePeriods(2026, short.calendar), short);
    expect(weeks).toHaveLength(60);
    expect(Date.parse(weeks[0]!.end) - Date.parse(weeks[0]!.start)).toBe(3_600_000);
    expect(dispatchWeeks(cyclePeriods(2026), policySchema.parse({}))).toEqual([]);
  });

  it('refuses a dispatch without categories or with one listed twice', () => {
    expect(policySchema.safeParse({ weeklyDispatch: { categories: [] } }).success).toBe(false);
    expect(policySchema.safeParse({ weeklyDispatch: { categories: ['a', 'a'] } }).success).toBe(false);
  });
});
