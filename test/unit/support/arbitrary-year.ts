import fc from 'fast-check';
import { policySchema, type SimulationInput } from '@jiebang/domain';

/**
 * Small random years: 2-7 units in 1-2 categories, one indicator each (increase or decrease,
 * rate or cumulative, 项目建设 or 财政收入), missed reports, vetoes, both ladders and bottomN 0-3.
 */
export const arbitraryYear: fc.Arbitrary<SimulationInput> = fc
  .record({
    units: fc.array(
      fc.record({
        category: fc.constantFrom('c1', 'c2'),
        direction: fc.constantFrom('increase' as const, 'decrease' as const),
        measure: fc.constantFrom('rate' as const, 'cumulative' as const),
        dimension: fc.constantFrom('项目建设', '财政收入'),
        values: fc.array(fc.option(fc.constantFrom(0, 20, 40, 50, 60, 80, 100, 120), { nil: undefined, freq: 6 }), {
          minLength: 12,
          maxLength: 12,
        }),
        vetoMonth: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined, freq: 5 }),
      }),
      { minLength: 2, maxLength: 7 },
    ),
    bottomN: fc.integer({ min: 0, max: 3 }),
    ladders: fc.subarray(['rank', 'plan'] as const),
  })
  .map(({ units, bottomN, ladders }) => {
    const ids = units.map((_, index) => `u${index}`);
    return {
      policy: policySchema.parse({ bottomN, ladders }),
      categories: [
        { id: 'c1', name: '经济部门' },
        { id: 'c2', name: '乡镇街道' },
      ],
      units: units.map((unit, index) => ({ id: ids[index], name: ids[index], category: unit.category })),
      indicators: units.map((unit, index) => ({
        id: `${ids[index]}-i`,
        unit: ids[index],
        name: '指标',
        dimension: unit.dimension,
        direction: unit.direction,
        measure: unit.measure,
        weight: 100,
        satisfactory: unit.direction === 'increase' ? 100 : 20,
        disallowed: unit.direction === 'increase' ? 20 : 100,
      })),
      reports: Object.fromEntries(
        units.map((unit, index) => [
          ids[index],
          Object.fromEntries(
            unit.values.flatMap((value, month) =>
              value === undefined
                ? []
                : [
                    [
                      String(month + 1),
                      { [`${ids[index]}-i`]: unit.measure === 'cumulative' ? (value * (month + 1)) / 12 : value },
                    ],
                  ],
            ),
          ),
        ]),
      ),
      vetoes: units.flatMap((unit, index) =>
        unit.vetoMonth === undefined ? [] : [{ unit: ids[index], month: unit.vetoMonth, reason: '安全生产事故' }],
      ),
    };
  });
