import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planToDatePercent, rankMovement, strongAndWeak, targetGap, type StandingIndicator } from './board';

const cumulativeIncrease = {
  direction: 'increase',
  measure: 'cumulative',
  satisfactory: 24000,
  disallowed: 12000,
} as const;

describe('rank movement since last month', () => {
  it.each([
    [2, 5, 3],
    [5, 2, -3],
    [1, 1, 0],
    [4, null, null],
    [4, undefined, null],
  ])('rank %s after %s moves %s', (rank, previous, movement) => {
    expect(rankMovement(rank, previous)).toBe(movement);
  });
});

describe('plan-to-date %', () => {
  it('measures a cumulative actual against the plan to date (month 6 of a linear plan: H_6 = 12000)', () => {
    expect(planToDatePercent(cumulativeIncrease, 6, 9000)).toBe(75);
    expect(planToDatePercent(cumulativeIncrease, 6, 12000)).toBe(100);
  });

  it('follows a custom plan', () => {
    const plan = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1];
    expect(planToDatePercent({ ...cumulativeIncrease, plan }, 1, 600)).toBeCloseTo(50);
  });

  it('reads a decrease indicator the other way: below the target is above 100%', () => {
    const accidents = { direction: 'decrease', measure: 'rate', satisfactory: 2, disallowed: 10 } as const;
    expect(planToDatePercent(accidents, 3, 4)).toBe(50);
    expect(planToDatePercent(accidents, 3, 1)).toBe(200);
    expect(planToDatePercent(accidents, 3, 0)).toBe(100);
  });

  it('has no percentage where the target to date is 0 or below', () => {
    expect(planToDatePercent({ direction: 'increase', measure: 'rate', satisfactory: 0, disallowed: -5 }, 3, 2)).toBe(
      null,
    );
  });

  it('is 100% exactly when an increase actual meets its plan to date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.double({ min: 0, max: 1e6, noNaN: true }), (month, actual) => {
        const percent = planToDatePercent(cumulativeIncrease, month, actual)!;
        expect(percent >= 100).toBe(actual >= (24000 * month) / 12);
      }),
    );
  });
});

describe('strong and weak indicators', () => {
  const row = (indicator: string, light: StandingIndicator['light'], d: number, percent: number | null = null) => ({
    indicator,
    light,
    d,
    percent,
  });

  it('calls green indicators strong and red ones weak, strongest and weakest first', () => {
    const sorted = strongAndWeak([
      row('a', 'green', 100, 120),
      row('b', 'green', 100, 140),
      row('c', 'yellow', 85),
      row('d', 'red', 40),
      row('e', 'red', 10),
    ]);
    expect(sorted).toEqual({ strong: ['b', 'a'], weak: ['e', 'd'] });
  });

  it('keeps at most `limit` of each', () => {
    const rows = ['a', 'b', 'c', 'd'].map((id, index) => row(id, 'red', index * 10));
    expect(strongAndWeak(rows, 2).weak).toEqual(['a', 'b']);
  });

  it('never names an indicator both strong and weak, nor a yellow one at all', () => {
    const light = fc.constantFrom('green' as const, 'yellow' as const, 'red' as const);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ indicator: fc.string(), light, d: fc.double({ min: 0, max: 120, noNaN: true }) }), {
          selector: (item) => item.indicator,
        }),
        (rows) => {
          const { strong, weak } = strongAndWeak(
            rows.map((item) => ({ ...item, percent: null })),
            rows.length,
          );
          expect(strong.filter((id) => weak.includes(id))).toEqual([]);
          const yellow = rows.filter((item) => item.light === 'yellow').map((item) => item.indicator);
          expect([...strong, ...weak].filter((id) => yellow.includes(id))).toEqual([]);
        },
      ),
    );
  });
});

describe('gap to the annual target and the pace to close it', () => {
  it('spreads what is left of a cumulative target over the months left', () => {
    expect(targetGap(cumulativeIncrease, 6, 9000)).toEqual({
      status: 'closing',
      gap: 15000,
      monthsLeft: 6,
      pace: 2500,
    });
  });

  it('is reached once the actual meets the annual target', () => {
    expect(targetGap(cumulativeIncrease, 9, 25000)).toEqual({ status: 'reached', gap: 0, monthsLeft: 3, pace: 0 });
  });

  it('is out of reach at month 12 with a gap left', () => {
    expect(targetGap(cumulativeIncrease, 12, 20000)).toEqual({
      status: 'out_of_reach',
      gap: 4000,
      monthsLeft: 0,
      pace: null,
    });
  });

  it('brings a decrease rate down month by month', () => {
    const rate = { direction: 'decrease', measure: 'rate', satisfactory: 2 } as const;
    expect(targetGap(rate, 8, 6)).toEqual({ status: 'closing', gap: 4, monthsLeft: 4, pace: 1 });
  });

  it('gives a cumulative ceiling the allowance left each month, and no way back once overrun', () => {
    const ceiling = { direction: 'decrease', measure: 'cumulative', satisfactory: 10 } as const;
    expect(targetGap(ceiling, 4, 2)).toEqual({ status: 'within_limit', gap: 0, monthsLeft: 8, pace: 1 });
    expect(targetGap(ceiling, 4, 13)).toEqual({ status: 'out_of_reach', gap: 3, monthsLeft: 8, pace: null });
  });

  it('closes the gap exactly when the pace is kept up every month left', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 11 }), fc.integer({ min: 0, max: 23999 }), (month, actual) => {
        const { pace, monthsLeft } = targetGap(cumulativeIncrease, month, actual);
        expect(actual + pace! * monthsLeft).toBeCloseTo(24000);
      }),
    );
  });
});
