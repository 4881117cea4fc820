import {
  policySchema,
  type CycleRules,
  type Indicator,
  type PolicyInput,
  type SimulationInput,
  type VetoEvent,
} from '@jiebang/domain';

/** What a unit reports in a month: its single indicator's value, or undefined for no approved report. */
export type ValueOf = (unit: string, month: number) => number | undefined;

/**
 * Units sharing one category, each with one indicator of weight 100. The default is a rate with
 * H 100 and S 0, so a report of x scores 60 + 0.4 x (clamped): the value sets the rank.
 */
export function cycleOf(
  unitIds: readonly string[],
  policy: PolicyInput = {},
  indicator: Partial<Indicator> = {},
): CycleRules {
  return {
    policy: policySchema.parse(policy),
    categories: [{ id: 'c', name: '经济部门' }],
    units: unitIds.map((id) => ({ id, name: id, category: 'c' })),
    indicators: unitIds.map((unit) => ({
      id: `${unit}-i`,
      unit,
      name: '指标',
      dimension: '财政收入',
      direction: 'increase',
      measure: 'rate',
      weight: 100,
      satisfactory: 100,
      disallowed: 0,
      ...indicator,
    })),
  };
}

/**
 * Like `cycleOf`, but each unit's indicator is cumulative investment (项目建设) with H 1200 and
 * S 0: the plan to date at month m is 100 m, so a unit reporting 100 m is on plan.
 */
export function investmentCycleOf(unitIds: readonly string[], policy: PolicyInput = {}): CycleRules {
  return cycleOf(unitIds, policy, { dimension: '项目建设', measure: 'cumulative', satisfactory: 1200, disallowed: 0 });
}

/** A year of approved reports from `valueOf`, ready to simulate. */
export function yearOf(rules: CycleRules, valueOf: ValueOf, vetoes: VetoEvent[] = []): SimulationInput {
  const reports: Record<string, Record<string, Record<string, number>>> = {};
  for (const unit of rules.units) {
    reports[unit.id] = {};
    for (let month = 1; month <= 12; month += 1) {
      const value = valueOf(unit.id, month);
      if (value !== undefined) reports[unit.id][String(month)] = { [`${unit.id}-i`]: value };
    }
  }
  return { ...rules, reports, vetoes };
}

/** Fired cases as `month/unit/rung` strings, in firing order. */
export function caseKeys(cases: ReadonlyArray<{ month: number; unit: string; rung: string }>): string[] {
  return cases.map(({ month, unit, rung }) => `${month}/${unit}/${rung}`);
}
