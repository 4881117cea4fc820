import { describe, expect, it } from 'vitest';
import { isLagging, streakEndingAt } from './lagging';

describe('lagging', () => {
  it('lags with fewer than bottomN units strictly below', () => {
    expect(isLagging({ vetoed: false, unitsBelow: 0, categorySize: 4 }, 1)).toBe(true);
    expect(isLagging({ vetoed: false, unitsBelow: 1, categorySize: 4 }, 1)).toBe(false);
    expect(isLagging({ vetoed: false, unitsBelow: 1, categorySize: 4 }, 2)).toBe(true);
  });

  it('never lags on rank in a category no larger than bottomN, but lags when vetoed', () => {
    expect(isLagging({ vetoed: false, unitsBelow: 0, categorySize: 1 }, 1)).toBe(false);
    expect(isLagging({ vetoed: false, unitsBelow: 0, categorySize: 2 }, 2)).toBe(false);
    expect(isLagging({ vetoed: true, unitsBelow: 0, categorySize: 1 }, 1)).toBe(true);
  });

  it('counts the streak of months ending at a month', () => {
    const held = [true, true, false, true, true, true];
    const lagged = (value: boolean) => value;
    expect(streakEndingAt(held, 2, lagged)).toBe(2);
    expect(streakEndingAt(held, 3, lagged)).toBe(0);
    expect(streakEndingAt(held, 6, lagged)).toBe(3);
  });
});
