import { describe, expect, it } from 'vitest';
import { calendarSchema, cyclePeriods, deadlineAfter, isWorkingDay, localDateOf } from './calendar';

const nationalDay = {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-10-10'],
};

describe('cycle periods', () => {
  it('defaults to the calendar months of the year in Asia/Shanghai (UTC+8)', () => {
    const periods = cyclePeriods(2026);
    expect(periods).toHaveLength(12);
    expect(periods[0]).toEqual({ month: 1, start: '2025-12-31T16:00:00.000Z', end: '2026-01-31T16:00:00.000Z' });
    expect(periods[1].start).toBe('2026-01-31T16:00:00.000Z');
    expect(periods[11]).toEqual({ month: 12, start: '2026-11-30T16:00:00.000Z', end: '2026-12-31T16:00:00.000Z' });
  });

  it('is contiguous and increasing', () => {
    const periods = cyclePeriods(2028, { timezone: '-05:30' });
    periods.forEach((period, index) => {
      expect(Date.parse(period.start)).toBeLessThan(Date.parse(period.end));
      if (index > 0) expect(period.start).toBe(periods[index - 1].end);
    });
    expect(periods[1]).toMatchObject({ start: '2028-02-01T05:30:00.000Z', end: '2028-03-01T05:30:00.000Z' });
  });

  it('uses the calendar months of UTC when asked', () => {
    expect(cyclePeriods(2026, { timezone: 'UTC' })[0].start).toBe('2026-01-01T00:00:00.000Z');
  });

  it('takes custom periods as given, as UTC instants', () => {
    const periods = Array.from({ length: 12 }, (_, index) => ({
      start: `2026-01-01T00:00:${String(index * 2).padStart(2, '0')}+08:00`,
      end: `2026-01-01T00:00:${String(index * 2 + 2).padStart(2, '0')}+08:00`,
    }));
    const calendar = calendarSchema.parse({ periods });
    expect(cyclePeriods(2026, calendar)[0]).toEqual({
      month: 1,
      start: '2025-12-31T16:00:00.000Z',
      end: '2025-12-31T16:00:02.000Z',
    });
  });
});

describe('working days', () => {
  it('treats weekends and holidays as days off and make-up workdays (调休) as working days', () => {
    expect(isWorkingDay('2026-01-02')).toBe(true);
    expect(isWorkingDay('2026-01-03')).toBe(false);
    expect(isWorkingDay('2026-10-01', nationalDay)).toBe(false);
    expect(isWorkingDay('2026-10-10', nationalDay)).toBe(true);
    expect(isWorkingDay('2026-10-10')).toBe(false);
  });

  it('reads the local date of an instant in the calendar zone', () => {
    expect(localDateOf('2026-01-02T17:00:00Z')).toBe('2026-01-03');
    expect(localDateOf('2026-01-02T17:00:00Z', { timezone: 'UTC' })).toBe('2026-01-02');
  });
});

describe('deadlines', () => {
  it('adds the duration', () => {
    expect(deadlineAfter('2026-01-05T02:00:00.000Z', '2d')).toBe('2026-01-07T02:00:00.000Z');
  });

  it('moves a day deadline that falls on a weekend to the start of the next working day', () => {
    // Friday 10:00 in Shanghai + 1 day = Saturday -> Monday 00:00 Shanghai.
    expect(deadlineAfter('2026-01-02T02:00:00.000Z', '1d')).toBe('2026-01-04T16:00:00.000Z');
  });

  it('moves past a holiday week to the next working day', () => {
    // 30 September + 1 day = National Day; 3-4 October is a weekend, 5-7 are holidays -> Thursday 8 October.
    expect(deadlineAfter('2026-09-30T01:00:00.000Z', '1d', nationalDay)).toBe('2026-10-07T16:00:00.000Z');
  });

  it('keeps a deadline on a make-up workday', () => {
    expect(deadlineAfter('2026-10-09T01:00:00.000Z', '1d', nationalDay)).toBe('2026-10-10T01:00:00.000Z');
  });

  it('never moves deadlines counted in hours, minutes or seconds', () => {
    expect(deadlineAfter('2026-01-02T02:00:00.000Z', '24h')).toBe('2026-01-03T02:00:00.000Z');
    expect(deadlineAfter('2026-01-03T02:00:00.000Z', '2s')).toBe('2026-01-03T02:00:02.000Z');
  });

  it('refuses an instant that is not one', () => {
    expect(() => deadlineAfter('next week', '1d')).toThrow(RangeError);
  });
});

describe('calendar validation', () => {
  const issues = (calendar: unknown) =>
    (calendarSchema.safeParse(calendar).error?.issues ?? []).map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );

  it('fills defaults', () => {
    expect(calendarSchema.parse({})).toEqual({ timezone: 'Asia/Shanghai', holidays: [], workdays: [] });
  });

  it('accepts only fixed-offset zones', () => {
    expect(issues({ timezone: 'Europe/Paris' })).toEqual([
      expect.stringMatching(/^timezone: expected a fixed-offset time zone/),
    ]);
    expect(issues({ timezone: '+08:00' })).toEqual([]);
    expect(issues({ timezone: '+15:00' })).toHaveLength(1);
  });

  it('needs exactly twelve contiguous, increasing periods', () => {
    const periods = cyclePeriods(2026).map(({ start, end }) => ({ start, end }));
    expect(issues({ periods })).toEqual([]);
    expect(issues({ periods: periods.slice(1) })).toEqual(['periods: expected exactly 12 periods']);
    const gap = periods.map((period, index) => (index === 3 ? { ...period, start: periods[2].start } : period));
    expect(issues({ periods: gap })).toEqual([expect.stringMatching(/^periods\.3\.start: periods must be contiguous/)]);
    const backwards = periods.map((period, index) => (index === 0 ? { start: period.end, end: period.start } : period));
    expect(issues({ periods: backwards })).toContain('periods.0.end: a period must end after it starts');
  });

  it('checks dates, and that make-up workdays are weekend days', () => {
    expect(issues({ holidays: ['2026-02-30'] })).toEqual(['holidays.0: expected a date YYYY-MM-DD']);
    expect(issues({ workdays: ['2026-02-13'] })).toEqual([
      expect.stringMatching(/^workdays\.0: 2026-02-13 is not a Saturday or Sunday/),
    ]);
    expect(issues({ workdays: ['2026-02-14'], holidays: ['2026-02-14'] })).toEqual([
      expect.stringMatching(/also listed as a holiday/),
    ]);
  });
});
