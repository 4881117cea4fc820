import { describe, expect, it } from 'vitest';
import { cyclePeriods } from './calendar';
import { policySchema } from './policy';
import { dispatchWeeks, keyProjectCalendar, weekAt } from './weekly-dispatch';

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

describe('keyProjectCalendar', () => {
  it('orders the weeks’ reminders and closes and the months’ portfolio notices, keeping those still to come', () => {
    const policy = policySchema.parse({ weeklyDispatch: { categories: ['econ'] } });
    const periods = cyclePeriods(2026, policy.calendar);
    const events = keyProjectCalendar(periods, policy, Date.parse('2026-01-04T00:00:00Z'));
    expect(events.slice(0, 3)).toEqual([
      { kind: 'closeWeek', at: '2026-01-04T16:00:00.000Z', week: 1, end: '2026-01-04T16:00:00.000Z' },
      { kind: 'remind', at: '2026-01-10T16:00:00.000Z', week: 2, end: '2026-01-11T16:00:00.000Z', reminder: 0 },
      { kind: 'closeWeek', at: '2026-01-11T16:00:00.000Z', week: 2, end: '2026-01-11T16:00:00.000Z' },
    ]);
    // January's progress closes with its report: five days after the month ends, at the end of 5 February.
    expect(events.find((event) => event.kind === 'portfolio')).toEqual({
      kind: 'portfolio',
      at: '2026-02-05T16:00:00.000Z',
      month: 1,
    });
    expect(events.filter((event) => event.kind === 'portfolio')).toHaveLength(12);
    const times = events.map((event) => Date.parse(event.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(keyProjectCalendar(periods, policySchema.parse({}), 0).every((event) => event.kind === 'portfolio')).toBe(
      true,
    );
  });
});
