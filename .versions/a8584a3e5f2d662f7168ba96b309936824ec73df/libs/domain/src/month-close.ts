import { assessAnnualTask, type AnnualTask } from './annual';
import { MONTHS_IN_CYCLE } from './assessment-period';
import { indexCycle, type CycleIndex, type CycleRules } from './cycle-rules';
import type { CaseRecord, FiredCase, RejectedCase } from './fired-case';
import { climbLadder } from './ladder';
import { assessMonth } from './month-assessment';
import type { MonthReports } from './report';
import type { MonthResult, UnitMonthRecord } from './unit-month';
import type { VetoEvent } from './veto';

/**
 * What a cycle carries from one month to the next, the cycle's rules included. Plain JSON,
 * so it can cross Temporal's activity and workflow boundaries and be stored as it is.
 */
export interface CycleState {
  rules: CycleRules;
  /** The last month closed; 0 before the first. */
  closedMonth: number;
  /** Per unit, its record of each closed month, month 1 first. */
  history: Record<string, UnitMonthRecord[]>;
  /** Every case fired so far, in firing order. */
  cases: CaseRecord[];
}

/** What one month is closed on. */
export interface MonthInput {
  month: number;
  /** Approved reports of the month only: unit -> indicator -> value. A unit without one scores 0. */
  reports: MonthReports;
  /** Veto events up to this month; later ones are ignored. */
  vetoes: readonly VetoEvent[];
  /** Cases people rejected so far (a rejected interview does not open quarterly discipline); simulation has none. */
  rejectedCases?: readonly RejectedCase[];
}

/** The outcome of closing a month. */
export interface MonthClose {
  month: MonthResult;
  /** Cases this month fires, by unit (in the order units are listed), then rule order. */
  cases: FiredCase[];
  state: CycleState;
  /** Every unit's annual task once month 12 closes; null before. */
  annual: AnnualTask[] | null;
}

/** The state of a cycle before its first month closes. */
export function initialCycleState(rules: CycleRules): CycleState {
  return { rules, closedMonth: 0, history: Object.fromEntries(rules.units.map((unit) => [unit.id, []])), cases: [] };
}

/**
 * Closes one month: scores and ranks every unit, then climbs the ladders. This is the one
 * per-month step that both `simulate` and the cycle workflow run. Months close in order, each
 * once; a case already in the state never fires again. The state given is not modified.
 */
export function closeMonth(state: CycleState, input: MonthInput): MonthClose {
  const { rules, closedMonth } = state;
  const { month } = input;
  if (month !== closedMonth + 1 || month > MONTHS_IN_CYCLE)
    throw new RangeError(`Month ${month} cannot close: the last month closed is ${closedMonth}`);
  const index = indexCycle(rules);
  const vetoes = input.vetoes.filter((veto) => veto.month <= month);
  const { result, records } = assessMonth(rules, month, input.reports, vetoes, index);
  const history = appendRecords(state.history, rules, records);
  const annual =
    month === MONTHS_IN_CYCLE
      ? rules.units.map((unit) =>
          assessAnnualTask(unit.id, index.indicatorsOf(unit.id), input.reports[unit.id], vetoes),
        )
      : null;
  const fired = fireCases(state, input, index, history, annual);
  const cases = [
    ...state.cases,
    ...fired.map(({ id, ruleId, rung, unit, month: firedIn }) => ({ id, ruleId, rung, unit, month: firedIn })),
  ];
  return { month: result, cases: fired, state: { rules, closedMonth: month, history, cases }, annual };
}

function appendRecords(
  history: CycleState['history'],
  rules: CycleRules,
  records: readonly UnitMonthRecord[],
): CycleState['history'] {
  return Object.fromEntries(
    rules.units.map((unit, position) => [unit.id, [...(history[unit.id] ?? []), records[position]]]),
  );
}

function fireCases(
  state: CycleState,
  input: MonthInput,
  index: CycleIndex,
  history: CycleState['history'],
  annual: AnnualTask[] | null,
): FiredCase[] {
  const { policy, units } = state.rules;
  const known = new Set(state.cases.map((record) => record.id));
  const casesByUnit = groupCasesByUnit(state.cases);
  return units.flatMap((unit, position) =>
    climbLadder({
      unit: unit.id,
      month: input.month,
      rules: policy.rules,
      planLadderDimensions: policy.planLadderDimensions,
      approvalDeadline: policy.approvalDeadline,
      history: history[unit.id],
      dimensions: Object.fromEntries(
        index.indicatorsOf(unit.id).map((indicator) => [indicator.id, indicator.dimension]),
      ),
      earlierCases: casesByUnit.get(unit.id) ?? [],
      rejected: input.rejectedCases ?? [],
      annualTask: annual?.[position] ?? null,
    }).filter((firedCase) => !known.has(firedCase.id)),
  );
}

function groupCasesByUnit(cases: readonly CaseRecord[]): Map<string, CaseRecord[]> {
  const byUnit = new Map<string, CaseRecord[]>();
  for (const record of cases) {
    const group = byUnit.get(record.unit);
    if (group) group.push(record);
    else byUnit.set(record.unit, [record]);
  }
  return byUnit;
}
