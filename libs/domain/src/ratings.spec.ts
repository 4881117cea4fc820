import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Indicator } from './indicator';
import {
  combineRatings,
  deemedFailed,
  groupMean,
  ratedMonthsOf,
  raterGroupKind,
  raterRefusal,
  ratingFieldProblems,
  type RaterContext,
  type RaterGroup,
} from './ratings';
import { scoreIndicator } from './unit-score';

const rating = fc.double({ min: 0, max: 100, noNaN: true });
const ratings = (minLength: number, maxLength = 40) => fc.array(rating, { minLength, maxLength });

describe('a group mean', () => {
  it.each([
    { scores: [], mean: null, why: 'no rating: no mean' },
    { scores: [80], mean: 80, why: 'one rating is its own mean' },
    { scores: [70, 80, 90, 100], mean: 85, why: 'four ratings are all counted' },
    { scores: [0, 50, 60, 70, 100], mean: 60, why: 'five ratings drop the 0 and the 100' },
    { scores: [60, 10, 50, 20, 40, 30], mean: 35, why: 'six ratings drop one lowest and one highest, in any order' },
    { scores: [90, 90, 90, 90, 10], mean: 90, why: 'only one of equal highest ratings is dropped' },
  ])('$why: $scores -> $mean', ({ scores, mean }) => {
    expect(groupMean(scores)).toBe(mean);
  });

  it('does not depend on the order the raters are listed in (to the last bit)', () => {
    fc.assert(
      fc.property(
        ratings(1).chain((scores) =>
          fc.tuple(
            fc.constant(scores),
            fc.shuffledSubarray(scores, { minLength: scores.length, maxLength: scores.length }),
          ),
        ),
        ([scores, shuffled]) => {
          expect(groupMean(shuffled)).toBe(groupMean(scores));
        },
      ),
    );
  });

  it('lies between the lowest and the highest rating', () => {
    fc.assert(
      fc.property(ratings(1), (scores) => {
        const mean = groupMean(scores)!;
        expect(mean).toBeGreaterThanOrEqual(Math.min(...scores) - 1e-9);
        expect(mean).toBeLessThanOrEqual(Math.max(...scores) + 1e-9);
      }),
    );
  });

  it('from five ratings, one rater alone cannot move it by going to an extreme', () => {
    fc.assert(
      fc.property(ratings(5), fc.boolean(), (scores, high) => {
        const sorted = [...scores].sort((a, b) => a - b);
        // The highest rater goes to 100 (or the lowest to 0): still the one dropped.
        const moved = high ? [...sorted.slice(0, -1), 100] : [0, ...sorted.slice(1)];
        expect(groupMean(moved)).toBe(groupMean(sorted));
      }),
    );
  });

  it('below five ratings, counts every one', () => {
    fc.assert(
      fc.property(ratings(1, 4), (scores) => {
        const sum = [...scores].sort((a, b) => a - b).reduce((total, score) => total + score, 0);
        expect(groupMean(scores)).toBe(sum / scores.length);
      }),
    );
  });
});

describe('combining the groups', () => {
  const raters: RaterGroup[] = [
    { group: 'peers', weight: 0.3 },
    { group: 'panel:巡察组', weight: 0.3 },
    { group: 'panel:群众代表', weight: 0.4 },
  ];

  it.each<{ why: string; given: Record<string, Record<string, number>>; value: number | null }>([
    {
      why: 'every group rated: the weighted mean',
      given: { peers: { a: 80 }, 'panel:巡察组': { x: 90 }, 'panel:群众代表': { q: 70 } },
      value: 0.3 * 80 + 0.3 * 90 + 0.4 * 70,
    },
    {
      why: 'a group that did not rate: the weights rescaled over the others',
      given: { peers: { a: 80 }, 'panel:巡察组': {}, 'panel:群众代表': { q: 70 } },
      value: (0.3 * 80 + 0.4 * 70) / 0.7,
    },
    {
      why: 'a group left out: the same as one that did not rate',
      given: { peers: { a: 80 }, 'panel:群众代表': { q: 70 } },
      value: (0.3 * 80 + 0.4 * 70) / 0.7,
    },
    { why: 'one group alone: its mean', given: { 'panel:巡察组': { x: 60, y: 70 } }, value: 65 },
    { why: 'no rating at all: no value (an assessor rates)', given: { peers: {} }, value: null },
  ])('$why', ({ given, value }) => {
    const combined = combineRatings(raters, given);
    if (value === null) expect(combined).toBeNull();
    else expect(combined).toBeCloseTo(value, 10);
  });

  it('gives the example: u00 群众满意度 in June is 79.92, d 86.56', () => {
    const value = combineRatings(raters, {
      peers: { u01: 70.8, u03: 82.4 },
      'panel:巡察组': { xc1: 85.4, xc2: 78.9, xc3: 97.7, xc4: 71.2, xc5: 94.4 },
      'panel:群众代表': { qz1: 87.2, qz2: 76.1, qz3: 97.7, qz4: 69.5, qz8: 74.2, qz9: 73.2 },
    });
    // peers 76.6; 巡察组 drops 97.7 and 71.2: 86.2333; 群众代表 drops 97.7 and 69.5: 77.675.
    expect(value).toBeCloseTo(0.3 * 76.6 + (0.3 * (78.9 + 85.4 + 94.4)) / 3 + 0.4 * 77.675, 10);
    expect(value).toBeCloseTo(79.92, 10);
  });

  it('refuses ratings of a group the indicator is not rated by', () => {
    expect(() => combineRatings(raters, { assessors: { p: 90 } })).toThrow(
      'Ratings of group assessors, which is not among the raters',
    );
  });

  const groupsWithRatings = fc
    .array(fc.tuple(fc.double({ min: 0.01, max: 1, noNaN: true }), ratings(0, 8)), { minLength: 1, maxLength: 4 })
    .map((groups) => {
      const total = groups.reduce((sum, [weight]) => sum + weight, 0);
      return groups.map(([weight, scores], index) => ({ group: `panel:g${index}`, weight: weight / total, scores }));
    });
  const asRatings = (groups: { group: string; scores: number[] }[]) =>
    Object.fromEntries(
      groups.map(({ group, scores }) => [group, Object.fromEntries(scores.map((score, i) => [`r${i}`, score]))]),
    );

  it('lies between the lowest and highest group mean, and is null exactly when nobody rated', () => {
    fc.assert(
      fc.property(groupsWithRatings, (groups) => {
        const value = combineRatings(groups, asRatings(groups));
        const means = groups.flatMap(({ scores }) => (scores.length > 0 ? [groupMean(scores)!] : []));
        if (means.length === 0) {
          expect(value).toBeNull();
          return;
        }
        expect(value).toBeGreaterThanOrEqual(Math.min(...means) - 1e-9);
        expect(value).toBeLessThanOrEqual(Math.max(...means) + 1e-9);
      }),
    );
  });

  it('is the same whether a silent group is listed empty or dropped with the weights rescaled', () => {
    fc.assert(
      fc.property(groupsWithRatings, (groups) => {
        const rated = groups.filter(({ scores }) => scores.length > 0);
        const total = rated.reduce((sum, { weight }) => sum + weight, 0);
        const rescaled = rated.map(({ group, weight, scores }) => ({ group, weight: weight / total, scores }));
        const full = combineRatings(groups, asRatings(groups));
        const reduced = rated.length === 0 ? null : combineRatings(rescaled, asRatings(rescaled));
        if (full === null || reduced === null) expect(full).toBe(reduced);
        else expect(full).toBeCloseTo(reduced, 9);
      }),
    );
  });
});

describe('deemed failed (视为不合格)', () => {
  const policy = { scoreFloor: 0, scoreCap: 100, yellowFrom: 80 };
  const satisfaction = (failBelow?: number): Indicator => ({
    id: 'sat',
    unit: 'u',
    name: '群众满意度测评',
    dimension: '群众满意度',
    direction: 'increase',
    measure: 'rate',
    weight: 15,
    satisfactory: 90,
    disallowed: 60,
    ...(failBelow === undefined ? {} : { failBelow }),
  });

  it.each([
    { actual: 71.9, failBelow: 72, result: { d: 0, light: 'red' }, why: 'below failBelow: the floor, red' },
    { actual: 72, failBelow: 72, result: { d: 76, light: 'red' }, why: 'at failBelow: the formula' },
    { actual: 87, failBelow: 72, result: { d: 96, light: 'yellow' }, why: 'above failBelow: the formula' },
    { actual: 51, failBelow: undefined, result: { d: 48, light: 'red' }, why: 'no failBelow: the formula' },
  ])('$why ($actual against $failBelow)', ({ actual, failBelow, result }) => {
    expect(scoreIndicator(satisfaction(failBelow), 6, actual, policy)).toEqual({ indicator: 'sat', ...result });
  });

  it('scores the policy floor, whatever the formula gives (even past the satisfactory value)', () => {
    const strict = satisfaction(95);
    expect(scoreIndicator(strict, 12, 94, { ...policy, scoreFloor: 20 })).toEqual({
      indicator: 'sat',
      d: 20,
      light: 'red',
    });
  });

  it('below failBelow always the floor and red; from it on exactly as without it', () => {
    fc.assert(
      fc.property(rating, rating, fc.double({ min: -50, max: 50, noNaN: true }), (actual, failBelow, floor) => {
        const bounds = { ...policy, scoreFloor: floor };
        const scored = scoreIndicator(satisfaction(failBelow), 6, actual, bounds);
        if (actual < failBelow) expect(scored).toEqual({ indicator: 'sat', d: floor, light: 'red' });
        else expect(scored).toEqual(scoreIndicator(satisfaction(), 6, actual, bounds));
        expect(deemedFailed({ failBelow }, actual)).toBe(actual < failBelow);
      }),
    );
  });
});

describe('who may rate', () => {
  const context: RaterContext = {
    unit: 'u00',
    categoryOf: new Map([
      ['u00', 'c0'],
      ['u01', 'c0'],
      ['u04', 'c1'],
    ]),
    panels: { 巡察组: ['xc1', 'xc2'] },
  };

  it.each([
    { group: 'peers', rater: 'u01', refusal: null },
    { group: 'peers', rater: 'u00', refusal: 'u00 cannot rate its own unit' },
    {
      group: 'peers',
      rater: 'u04',
      refusal: 'u04 is in category c1, not c0 of unit u00: peers rate within their category',
    },
    { group: 'peers', rater: 'pg1', refusal: 'pg1 is not a unit: a peer is a unit of the same category' },
    { group: 'panel:巡察组', rater: 'xc2', refusal: null },
    { group: 'panel:巡察组', rater: 'u01', refusal: 'u01 is not a member of panel 巡察组' },
    { group: 'panel:群众代表', rater: 'qz1', refusal: 'no panel "群众代表" in policy.panels' },
    { group: 'assessors', rater: 'anyone', refusal: null },
    { group: 'assessors', rater: 'u00', refusal: null },
    { group: 'residents', rater: 'r1', refusal: 'unknown group "residents"' },
  ])('$group $rater -> $refusal', ({ group, rater, refusal }) => {
    expect(raterRefusal(group, rater, context)).toBe(refusal);
  });

  it('names groups assessors, peers and panel:NAME only', () => {
    expect(raterGroupKind('assessors')).toEqual({ kind: 'assessors' });
    expect(raterGroupKind('peers')).toEqual({ kind: 'peers' });
    expect(raterGroupKind('panel:群众代表')).toEqual({ kind: 'panel', panel: '群众代表' });
    expect(raterGroupKind('panel:')).toBeNull();
    expect(raterGroupKind('Peers')).toBeNull();
  });
});

describe('the rating fields of an indicator', () => {
  const raters = [{ group: 'peers', weight: 1 }];

  it.each([
    { fields: { dimension: '政风评议', raters, failBelow: 70, ratedMonths: [6] }, problems: [] },
    { fields: { dimension: '依法行政', failBelow: 70 }, problems: [] },
    { fields: { dimension: '财政收入' }, problems: [] },
    { fields: { dimension: '财政收入', raters }, problems: ['raters'] },
    { fields: { dimension: '项目建设', failBelow: 70, ratedMonths: [12] }, problems: ['failBelow', 'ratedMonths'] },
    { fields: { dimension: '领导评议', ratedMonths: [12] }, problems: ['ratedMonths'] },
  ])('$fields -> $problems', ({ fields, problems }) => {
    expect(ratingFieldProblems(fields).map(({ field }) => field)).toEqual(problems);
  });

  it('rates month 12 by default, the listed months otherwise, and none without raters', () => {
    expect(ratedMonthsOf({ raters })).toEqual([12]);
    expect(ratedMonthsOf({ raters, ratedMonths: [3, 6] })).toEqual([3, 6]);
    expect(ratedMonthsOf({ ratedMonths: [3, 6] })).toEqual([]);
  });
});
