import { describe, expect, it } from 'vitest';
import { annualResults, assessAnnualTask } from './annual';
import type { Indicator } from './indicator';

const indicator = (id: string, overrides: Partial<Indicator> = {}): Indicator => ({
  id,
  unit: 'u',
  name: id,
  dimension: '项目建设',
  direction: 'increase',
  measure: 'cumulative',
  weight: 50,
  satisfactory: 100,
  disallowed: 50,
  ...overrides,
});
const indicators = [
  indicator('invest'),
  indicator('accidents', { direction: 'decrease', measure: 'rate', satisfactory: 2, disallowed: 10 }),
];

describe('annual task', () => {
  it('is completed when every indicator meets its satisfactory value at month 12 and no veto fired', () => {
    expect(assessAnnualTask('u', indicators, { invest: 100, accidents: 2 }, [])).toEqual({
      unit: 'u',
      completed: true,
      reported: true,
      vetoedSince: null,
      shortOf: [],
    });
  });

  it('is not completed when an indicator falls short, naming it', () => {
    expect(assessAnnualTask('u', indicators, { invest: 120, accidents: 3 }, [])).toMatchObject({
      completed: false,
      shortOf: ['accidents'],
    });
  });

  it('is not completed without an approved month-12 report', () => {
    expect(assessAnnualTask('u', indicators, undefined, [])).toMatchObject({ completed: false, reported: false });
  });

  it('is not completed once a veto fired, whatever the values', () => {
    expect(
      assessAnnualTask('u', indicators, { invest: 200, accidents: 0 }, [
        { unit: 'u', month: 4, reason: '安全生产事故' },
      ]),
    ).toMatchObject({ completed: false, vetoedSince: 4 });
  });

  it('decides every unit in the order they are listed', () => {
    const rules = {
      units: [
        { id: 'b', name: 'B', category: 'c' },
        { id: 'a', name: 'A', category: 'c' },
      ],
      indicators: [indicator('x', { unit: 'a' }), indicator('y', { unit: 'b' })],
    };
    expect(
      annualResults(rules, { reports: { a: { x: 100 } }, vetoes: [] }).map(({ unit, completed }) => ({
        unit,
        completed,
      })),
    ).toEqual([
      { unit: 'b', completed: false },
      { unit: 'a', completed: true },
    ]);
  });
});
