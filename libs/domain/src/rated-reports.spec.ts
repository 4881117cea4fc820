import { describe, expect, it } from 'vitest';
import type { Indicator } from './indicator';
import { ratedValueOf } from './rated-reports';
import { monthReportsOf } from './simulate';

const conduct: Indicator = {
  id: 'u1-conduct',
  unit: 'u1',
  name: '政风评议',
  dimension: '政风评议',
  direction: 'increase',
  measure: 'rate',
  weight: 100,
  satisfactory: 95,
  disallowed: 70,
  raters: [
    { group: 'assessors', weight: 0.5 },
    { group: 'peers', weight: 0.5 },
  ],
  ratedMonths: [6, 12],
};

describe('report values of rated months', () => {
  it('takes a number as it stands, in any month', () => {
    expect(ratedValueOf(conduct, 6, 88)).toBe(88);
    expect(ratedValueOf(conduct, 7, 71)).toBe(71);
  });

  it('combines a ratings object of a rated month into its value', () => {
    expect(ratedValueOf(conduct, 6, { ratings: { assessors: { p1: 80, p2: 90 }, peers: { u2: 70 } } })).toBe(77.5);
  });

  it('picks a month out of a year, ratings resolved, numbers untouched, absent units absent', () => {
    const year = {
      u1: { '6': { 'u1-conduct': { ratings: { peers: { u2: 64 } } } }, '7': { 'u1-conduct': 80 } },
      u2: { '7': { 'u2-x': 3 } },
    };
    expect(monthReportsOf(year, 6, [conduct])).toEqual({ u1: { 'u1-conduct': 64 } });
    expect(monthReportsOf(year, 7, [conduct])).toEqual({ u1: { 'u1-conduct': 80 }, u2: { 'u2-x': 3 } });
  });

  it.each([
    {
      why: 'outside the rated months',
      month: 7,
      indicator: conduct,
      error: 'Indicator u1-conduct is not rated by many in month 7: its value is a number',
    },
    {
      why: 'on an indicator without raters',
      month: 6,
      indicator: { ...conduct, raters: undefined },
      error: 'Indicator u1-conduct is not rated by many in month 6: its value is a number',
    },
  ])('refuses a ratings object $why', ({ month, indicator, error }) => {
    expect(() => ratedValueOf(indicator, month, { ratings: { peers: { u2: 64 } } })).toThrow(error);
  });

  it('refuses a ratings object with no rating at all: the assessor rates instead', () => {
    expect(() => ratedValueOf(conduct, 12, { ratings: { peers: {}, assessors: {} } })).toThrow(
      "Indicator u1-conduct has no rating in month 12: an assessor's number stands instead",
    );
  });

  it('refuses ratings for an indicator the cycle does not have', () => {
    expect(() => monthReportsOf({ u1: { '6': { nope: { ratings: { peers: { u2: 1 } } } } } }, 6, [conduct])).toThrow(
      'Ratings for nope, which is not an indicator of the cycle',
    );
  });
});
