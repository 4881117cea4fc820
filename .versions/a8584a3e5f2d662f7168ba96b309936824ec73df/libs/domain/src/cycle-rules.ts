import type { Indicator } from './indicator';
import type { Category, Unit } from './organisation';
import type { Policy } from './policy';

/** What the rules engine needs of a cycle, as plain data: its policy, categories, units and their indicators. */
export interface CycleRules {
  policy: Policy;
  categories: readonly Category[];
  units: readonly Unit[];
  indicators: readonly Indicator[];
}

/** Lookups over a cycle's units and indicators, built once per call. */
export interface CycleIndex {
  indicatorsOf(unit: string): readonly Indicator[];
  unitsIn(category: string): readonly Unit[];
}

/** Groups indicators by unit and units by category, keeping the order they are listed in. */
export function indexCycle(rules: Pick<CycleRules, 'units' | 'indicators'>): CycleIndex {
  const indicators = groupBy(rules.indicators, (indicator) => indicator.unit);
  const units = groupBy(rules.units, (unit) => unit.category);
  return {
    indicatorsOf: (unit) => indicators.get(unit) ?? [],
    unitsIn: (category) => units.get(category) ?? [],
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
