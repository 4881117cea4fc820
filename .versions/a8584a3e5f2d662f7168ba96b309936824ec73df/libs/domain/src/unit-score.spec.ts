import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Indicator } from './indicator';
import { scoreIndicator, unitScore } from './unit-score';

const policy = { scoreFloor: 0, scoreCap: 100, yellowFrom: 80 };

function rate(id: string, weight: number, overrides: Partial<Indicator> = {}): Indicator {
  return {
    id,
    unit: 'u',
    name: id,
    dimension: '增速',
    direction: 'increase',
    measure: 'rate',
    weight,
    satisfactory: 12,
    disallowed: 4,
    ...overrides,
  };
}

describe('unit score', () => {
  it('5. weighs indicators: weights 30, 20, 50 with d 90, 80, 100 -> 93', () => {
    // x = 10 gives d 90, x = 8 gives d 80, x = 12 gives d 100 against H 12, S 4.
    const indicators = [rate('a', 30), rate('b', 20), rate('c', 50)];
    expect(unitScore(indicators, 1, { a: 10, b: 8, c: 12 }, policy).score).toBe(93);
  });

  it('scores 0 with no indicators shown when there is no approved report', () => {
    expect(unitScore([rate('a', 100)], 1, undefined, policy)).toEqual({ score: 0, indicators: [] });
  });

  it('reports d clamped and unrounded', () => {
    expect(scoreIndicator(rate('a', 100), 1, 16, policy).d).toBe(100);
    expect(scoreIndicator(rate('a', 100), 1, 9, policy).d).toBe(85);
  });
});

describe('traffic lights', () => {
  it('is green when the actual meets the plan to date, even when capped', () => {
    expect(scoreIndicator(rate('a', 100), 1, 12, policy).light).toBe('green');
    expect(scoreIndicator(rate('a', 100), 1, 20, policy).light).toBe('green');
  });

  it('is yellow from yellowFrom up to the plan, red below', () => {
    expect(scoreIndicator(rate('a', 100), 1, 8, policy).light).toBe('yellow');
    expect(scoreIndicator(rate('a', 100), 1, 7.9, policy).light).toBe('red');
    expect(scoreIndicator(rate('a', 100), 1, 7.9, { ...policy, yellowFrom: 70 }).light).toBe('yellow');
  });

  it('judges decrease indicators from below', () => {
    const accidents = rate('a', 100, { direction: 'decrease', satisfactory: 2, disallowed: 10 });
    expect(scoreIndicator(accidents, 1, 2, policy).light).toBe('green');
    expect(scoreIndicator(accidents, 1, 4, policy).light).toBe('yellow');
    expect(scoreIndicator(accidents, 1, 9, policy).light).toBe('red');
  });
});

describe('unit score properties', () => {
  const unitOf = (direction: 'increase' | 'decrease') => [
    rate(
      'moving',
      40,
      direction === 'increase'
        ? { measure: 'cumulative', satisfactory: 24000, disallowed: 12000 }
        : { direction, satisfactory: 2, disallowed: 10 },
    ),
    rate('fixed', 60),
  ];
  const actual = fc.double({ min: -50000, max: 50000, noNaN: true });

  it.each(['increase', 'decrease'] as const)(
    'moves with the actual of an %s indicator in its direction, within [floor, full score]',
    (direction) => {
      fc.assert(
        fc.property(actual, actual, fc.integer({ min: 1, max: 12 }), (a, b, month) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const score = (x: number) => unitScore(unitOf(direction), month, { moving: x, fixed: 10 }, policy).score;
          if (direction === 'increase') expect(score(low)).toBeLessThanOrEqual(score(high));
          else expect(score(low)).toBeGreaterThanOrEqual(score(high));
          expect(score(a)).toBeGreaterThanOrEqual(0);
          expect(score(a)).toBeLessThanOrEqual(100);
        }),
      );
    },
  );
});
