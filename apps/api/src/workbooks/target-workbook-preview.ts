import type { Scenario } from '@jiebang/contracts';
import type { TargetWorkbookPreview } from '@jiebang/contracts/http/workbooks';

/** The preview of a valid scenario: its categories, units, indicator counts and weights per unit. */
export function previewOf(scenario: Scenario): TargetWorkbookPreview {
  const units = scenario.units.map((unit) => {
    const own = scenario.indicators.filter((indicator) => indicator.unit === unit.id);
    const weight = own.reduce((sum, indicator) => sum + indicator.weight, 0);
    return { id: unit.id, name: unit.name, category: unit.category, indicators: own.length, weight };
  });
  return {
    name: scenario.name,
    year: scenario.year,
    fullScore: scenario.policy.fullScore,
    categories: scenario.categories.map((category) => ({
      id: category.id,
      name: category.name,
      units: scenario.units.filter((unit) => unit.category === category.id).length,
    })),
    units,
    indicators: scenario.indicators.length,
  };
}

export type { TargetWorkbookPreview };
