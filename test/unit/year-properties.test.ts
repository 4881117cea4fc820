import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate, type SimulationInput } from '@jiebang/domain';
import { arbitraryYear } from './support/arbitrary-year';

const RUNS = { numRuns: 100 };

function reversedUnits(year: SimulationInput): SimulationInput {
  return {
    ...year,
    units: [...year.units].reverse(),
    indicators: [...year.indicators].reverse(),
    categories: [...year.categories].reverse(),
  };
}

describe('properties of a simulated year', () => {
  it('never fires a case twice for one trigger (rule, unit, month)', () => {
    fc.assert(
      fc.property(arbitraryYear, (year) => {
        const { cases } = simulate(year);
        const ids = cases.map((fired) => fired.id);
        expect(new Set(ids).size).toBe(ids.length);
        const triggers = cases.map((fired) => `${fired.month}/${fired.unit}/${fired.rung}`);
        expect(new Set(triggers).size).toBe(triggers.length);
      }),
      RUNS,
    );
  });

  it('fires cases month by month, and at most one plan-ladder rung per unit and month', () => {
    fc.assert(
      fc.property(arbitraryYear, (year) => {
        const { cases } = simulate(year);
        cases.forEach(
          (fired, index) => index > 0 && expect(fired.month).toBeGreaterThanOrEqual(cases[index - 1].month),
        );
        const planRungs = cases
          .filter((fired) => fired.ruleId.startsWith('plan.'))
          .map((fired) => `${fired.month}/${fired.unit}`);
        expect(new Set(planRungs).size).toBe(planRungs.length);
      }),
      RUNS,
    );
  });

  it('does not depend on the order units, indicators and categories are listed in', () => {
    fc.assert(
      fc.property(arbitraryYear, (year) => {
        const byUnit = (result: ReturnType<typeof simulate>) => ({
          months: result.months.map((month) => Object.fromEntries(month.units.map((unit) => [unit.unit, unit]))),
          cases: result.cases.map((fired) => fired.id).sort(),
          annual: Object.fromEntries(result.annual.map((unit) => [unit.unit, unit.completed])),
        });
        expect(byUnit(simulate(reversedUnits(year)))).toEqual(byUnit(simulate(year)));
      }),
      RUNS,
    );
  });

  it('makes vetoed units lag and rank after every unit that is not vetoed', () => {
    fc.assert(
      fc.property(arbitraryYear, (year) => {
        const categoryOf = new Map(year.units.map((unit) => [unit.id, unit.category]));
        for (const month of simulate(year).months) {
          for (const vetoed of month.units.filter((unit) => unit.vetoed)) {
            expect(vetoed.lagging).toBe(true);
            const peers = month.units.filter(
              (unit) => !unit.vetoed && categoryOf.get(unit.unit) === categoryOf.get(vetoed.unit),
            );
            for (const peer of peers) expect(peer.rank).toBeLessThan(vetoed.rank);
          }
        }
      }),
      RUNS,
    );
  });

  it('gives an unreported month a score of 0 and no indicators', () => {
    fc.assert(
      fc.property(arbitraryYear, (year) => {
        for (const month of simulate(year).months)
          for (const unit of month.units.filter((candidate) => !candidate.reported))
            expect(unit).toMatchObject({ score: 0, indicators: [] });
      }),
      RUNS,
    );
  });
});
