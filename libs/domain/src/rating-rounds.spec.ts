import { describe, expect, it } from 'vitest';
import { raterSeat, ratingRoundTimelines } from './rating-rounds';
import type { RaterGroup } from './ratings';

const raters: RaterGroup[] = [
  { group: 'peers', weight: 0.5 },
  { group: 'panel:巡察组', weight: 0.3 },
  { group: 'assessors', weight: 0.2 },
];
const context = {
  unit: 'u-a',
  categoryOf: new Map([
    ['u-a', 'town'],
    ['u-b', 'town'],
    ['u-x', 'econ'],
  ]),
  panels: { 巡察组: ['xc1'] },
};

describe('raterSeat', () => {
  it('seats a head of another unit of the category among the peers, as its unit', () => {
    expect(raterSeat({ userId: 'h-b', roles: ['UNIT_HEAD'], unitId: 'u-b' }, raters, context)).toEqual({
      group: 'peers',
      rater: 'u-b',
    });
  });

  it('refuses a head rating its own unit, and one of another category', () => {
    expect(raterSeat({ userId: 'h-a', roles: ['UNIT_HEAD'], unitId: 'u-a' }, raters, context)).toEqual({
      refusal: 'u-a cannot rate its own unit',
    });
    expect(raterSeat({ userId: 'h-x', roles: ['UNIT_HEAD'], unitId: 'u-x' }, raters, context)).toHaveProperty(
      'refusal',
    );
  });

  it('seats a panel member in the panel and an assessor among the assessors; a reporter nowhere', () => {
    expect(raterSeat({ userId: 'xc1', roles: ['DISCIPLINE'] }, raters, context)).toEqual({
      group: 'panel:巡察组',
      rater: 'xc1',
    });
    expect(raterSeat({ userId: 'as1', roles: ['ASSESSOR'] }, raters, context)).toEqual({
      group: 'assessors',
      rater: 'as1',
    });
    expect(raterSeat({ userId: 'r-b', roles: ['UNIT_REPORTER'], unitId: 'u-b' }, raters, context)).toHaveProperty(
      'refusal',
    );
  });
});

describe('ratingRoundTimelines', () => {
  const periods = Array.from({ length: 12 }, (_, index) => ({
    month: index + 1,
    start: new Date(Date.UTC(2026, index, 1)).toISOString(),
    end: new Date(Date.UTC(2026, index + 1, 1)).toISOString(),
  }));

  it('opens a round in every rated month with the month, closing ratingDeadline after its end', () => {
    const rounds = ratingRoundTimelines(
      periods,
      { calendar: { timezone: 'UTC', holidays: [], workdays: [] }, reminderOffsets: ['1d'], ratingDeadline: '2h' },
      [{ raters, ratedMonths: [6, 12] }, { raters }, {}],
    );
    expect(rounds).toEqual([
      { month: 6, opensAt: periods[5]!.end, closesAt: '2026-07-01T02:00:00.000Z', reminders: [] },
      { month: 12, opensAt: periods[11]!.end, closesAt: '2027-01-01T02:00:00.000Z', reminders: [] },
    ]);
  });

  it('defaults to five days after the month ends, reminding before', () => {
    const [round] = ratingRoundTimelines(
      periods,
      { calendar: { timezone: 'UTC', holidays: [], workdays: [] }, reminderOffsets: ['1d'] },
      [{ raters, ratedMonths: [3] }],
    );
    expect(Date.parse(round!.closesAt)).toBeGreaterThanOrEqual(Date.parse(periods[2]!.end) + 5 * 86_400_000);
    expect(round!.reminders).toHaveLength(1);
  });
});
