import { describe, expect, it } from 'vitest';
import { meetsPlanToDate, meetsTarget, planShare, targetsToDate } from './plan';

const plan = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1];

describe('plan to date', () => {
  it('defaults to time-sequence progress m/12', () => {
    expect(planShare({}, 3)).toBe(0.25);
    expect(planShare({}, 12)).toBe(1);
  });

  it('follows a custom plan month by month', () => {
    expect(planShare({ plan }, 1)).toBe(0.05);
    expect(targetsToDate({ measure: 'cumulative', satisfactory: 24000, disallowed: 12000, plan }, 1)).toEqual({
      satisfactory: 1200,
      disallowed: 600,
    });
  });

  it('judges a rate indicator against its annual values whatever the month', () => {
    expect(targetsToDate({ measure: 'rate', satisfactory: 95, disallowed: 70, plan }, 1)).toEqual({
      satisfactory: 95,
      disallowed: 70,
    });
  });

  it('meets a target from the good side only', () => {
    expect(meetsTarget('increase', 10, 10)).toBe(true);
    expect(meetsTarget('increase', 9.99, 10)).toBe(false);
    expect(meetsTarget('decrease', 2, 2)).toBe(true);
    expect(meetsTarget('decrease', 2.01, 2)).toBe(false);
  });

  it('is behind plan when the cumulative actual is short of H_m', () => {
    const invest = { direction: 'increase', measure: 'cumulative', satisfactory: 36000, disallowed: 15000 } as const;
    expect(meetsPlanToDate(invest, 4, 11277.4)).toBe(false);
    expect(meetsPlanToDate(invest, 4, 12000)).toBe(true);
  });
});
