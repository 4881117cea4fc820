import type {
  AnnualResult,
  CaseExplanation,
  KeyProjectOutcome,
  MonthResult,
  Role,
  Rung,
  SimulationResult,
} from '@jiebang/domain';

/** The `format` of a result document. */
export const RESULT_FORMAT = 'jiebang-result/1';

/** A fired case as the result lists it; the rule, approvers and explanation only when asked for. */
export interface ResultCase {
  rung: Rung;
  unit: string;
  month: number;
  ruleId?: string;
  approvers?: Role[];
  explanation?: CaseExplanation;
}

/** A `jiebang-result/1` document: every month's standings, the cases fired, each unit's annual task. */
export interface ScenarioResult {
  format: typeof RESULT_FORMAT;
  months: MonthResult[];
  cases: ResultCase[];
  annual: AnnualResult[];
  /** Each key project's slips and stalled months; only when the scenario lists `projects`. */
  projects?: KeyProjectOutcome[];
}

/** The `jiebang-result/1` document of a simulation; `explain` adds each case's rule, approvers and explanation. */
export function scenarioResult(simulation: SimulationResult, options: { explain?: boolean } = {}): ScenarioResult {
  const cases = simulation.cases.map(
    ({ rung, unit, month, ruleId, approvers, explanation }): ResultCase =>
      options.explain ? { rung, unit, month, ruleId, approvers, explanation } : { rung, unit, month },
  );
  return { format: RESULT_FORMAT, months: simulation.months, cases, annual: simulation.annual };
}
