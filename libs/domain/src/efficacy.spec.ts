import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampEfficacy, efficacyScore, rawEfficacy } from './efficacy';
import { targetsToDate } from './plan';

const bounds = { scoreFloor: 0, scoreCap: 100 };

describe('efficacy coefficient (worked examples of docs/rules.md)', () => {
  it('1. scores an increase rate indicator: H 12, S 4, x 10 -> 90', () => {
    expect(efficacyScore('increase', { satisfactory: 12, disallowed: 4 }, 10, bounds)).toBe(90);
  });

  it('2. scores a decrease indicator: H 2, S 10, x 4 -> 90', () => {
    expect(efficacyScore('decrease', { satisfactory: 2, disallowed: 10 }, 4, bounds)).toBe(90);
  });

  it('3. judges a cumulative indicator against its linear plan to date: month 6, H 24000, S 12000, x 9000 -> 80', () => {
    const targets = targetsToDate({ measure: 'cumulative', satisfactory: 24000, disallowed: 12000 }, 6);
    expect(targets).toEqual({ satisfactory: 12000, disallowed: 6000 });
    expect(efficacyScore('increase', targets, 9000, bounds)).toBe(80);
  });

  it('4. caps over-achievement at the policy cap: raw 120 -> 100, or 120 with cap 120', () => {
    const targets = { satisfactory: 12, disallowed: 4 };
    expect(rawEfficacy('increase', targets, 16)).toBe(120);
    expect(efficacyScore('increase', targets, 16, bounds)).toBe(100);
    expect(efficacyScore('increase', targets, 16, { scoreFloor: 0, scoreCap: 120 })).toBe(120);
  });

  it('clamps far below the disallowed value to the floor', () => {
    expect(efficacyScore('increase', { satisfactory: 12, disallowed: 4 }, -100, bounds)).toBe(0);
    expect(
      efficacyScore('decrease', { satisfactory: 2, disallowed: 10 }, 1000, { scoreFloor: 30, scoreCap: 100 }),
    ).toBe(30);
  });
});

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
/** H and S with H on the good side of S for the direction. */
const targetsFor = (direction: 'increase' | 'decrease') =>
  fc.tuple(finite, fc.double({ min: 1e-3, max: 1e6, noNaN: true })).map(([disallowed, gap]) => ({
    disallowed,
    satisfactory: direction === 'increase' ? disallowed + gap : disallowed - gap,
  }));

describe('efficacy coefficient properties', () => {
  it('rises with the actual for increase indicators', () => {
    fc.assert(
      fc.property(targetsFor('increase'), finite, finite, (targets, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(efficacyScore('increase', targets, low, bounds)).toBeLessThanOrEqual(
          efficacyScore('increase', targets, high, bounds),
        );
      }),
    );
  });

  it('falls as the actual rises for decrease indicators', () => {
    fc.assert(
      fc.property(targetsFor('decrease'), finite, finite, (targets, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(efficacyScore('decrease', targets, low, bounds)).toBeGreaterThanOrEqual(
          efficacyScore('decrease', targets, high, bounds),
        );
      }),
    );
  });

  it('always stays within [scoreFloor, scoreCap]', () => {
    const scoreBounds = fc
      .tuple(fc.integer({ min: -50, max: 60 }), fc.integer({ min: 61, max: 200 }))
      .map(([scoreFloor, scoreCap]) => ({ scoreFloor, scoreCap }));
    fc.assert(
      fc.property(
        fc
          .constantFrom('increase' as const, 'decrease' as const)
          .chain((direction) => fc.tuple(fc.constant(direction), targetsFor(direction))),
        finite,
        scoreBounds,
        ([direction, targets], actual, policy) => {
          const d = efficacyScore(direction, targets, actual, policy);
          expect(d).toBeGreaterThanOrEqual(policy.scoreFloor);
          expect(d).toBeLessThanOrEqual(policy.scoreCap);
        },
      ),
    );
  });

  it('leaves a value inside the bounds unchanged', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (raw) => {
        expect(clampEfficacy(raw, bounds)).toBe(raw);
      }),
    );
  });
});
