import { describe, expect, it } from 'vitest';
import { closesPeriod, periodMonthsTo } from './assessment-period';

describe('assessment periods', () => {
  it('closes quarters at 3, 6, 9, 12, half years at 6 and 12, the year at 12', () => {
    const closing = (period: Parameters<typeof closesPeriod>[1]) =>
      Array.from({ length: 12 }, (_, index) => index + 1).filter((month) => closesPeriod(month, period));
    expect(closing('month')).toHaveLength(12);
    expect(closing('quarter')).toEqual([3, 6, 9, 12]);
    expect(closing('half_year')).toEqual([6, 12]);
    expect(closing('year')).toEqual([12]);
  });

  it('lists the months of the period so far', () => {
    expect(periodMonthsTo(5, 'quarter')).toEqual([4, 5]);
    expect(periodMonthsTo(6, 'half_year')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(periodMonthsTo(7, 'month')).toEqual([7]);
  });
});
