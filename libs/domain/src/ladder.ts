import { PERIOD_WORDS, closesPeriod, periodMonthsTo } from './assessment-period';
import type { AnnualTask } from './annual';
import {
  caseId,
  type CaseExplanation,
  type CaseRecord,
  type ExplainedMonth,
  type FiredCase,
  type RejectedCase,
} from './fired-case';
import { streakEndingAt } from './lagging';
import type { LadderRule, TriggerBasis } from './ladder-rules';
import type { UnitMonthRecord } from './unit-month';

/** Everything the ladder needs to decide one unit's cases for one month, as plain data. */
export interface LadderInput {
  unit: string;
  month: number;
  rules: readonly LadderRule[];
  /** The policy's default plan dimensions and approval deadline. */
  planLadderDimensions: readonly string[];
  approvalDeadline: string;
  /** The unit's records of months 1..month, oldest first. */
  history: readonly UnitMonthRecord[];
  /** Dimension of each of the unit's indicators. */
  dimensions: Readonly<Record<string, string>>;
  /** The unit's cases fired in earlier months. */
  earlierCases: readonly CaseRecord[];
  /** Cases people rejected; they do not count as a required rung. */
  rejected: readonly RejectedCase[];
  /** The annual task, known once month 12 closes. */
  annualTask: AnnualTask | null;
}

/** The facts that made a trigger hold. */
interface TriggerEvidence {
  /** The months the rule needed, oldest first. */
  months: number[];
  indicators: string[];
  summary: string;
  /** Consecutive months the condition held, ending at the checked month. */
  run: number;
  standings: ExplainedMonth[];
}

/**
 * The cases a unit's month fires: each rule checked at the end of its period, its condition
 * held for its streak, its required rung present and not rejected; then rungs superseded by a
 * graver one firing the same month are dropped. One case per rung: when two rules would fire
 * the same rung, the first listed does. Cases come in rule order.
 */
export function climbLadder(input: LadderInput): FiredCase[] {
  const fired: FiredCase[] = [];
  for (const rule of input.rules) {
    if (fired.some((firedCase) => firedCase.rung === rule.rung)) continue;
    const firedCase = evaluateRule(rule, input, fired);
    if (firedCase) fired.push(firedCase);
  }
  const superseded = new Set(fired.flatMap((firedCase) => ruleOf(input.rules, firedCase.ruleId).supersedes));
  return fired.filter((firedCase) => !superseded.has(firedCase.rung));
}

function ruleOf(rules: readonly LadderRule[], id: string): LadderRule {
  const rule = rules.find((candidate) => candidate.id === id);
  if (!rule) throw new RangeError(`No ladder rule ${id}`);
  return rule;
}

function evaluateRule(
  rule: LadderRule,
  input: LadderInput,
  firedThisMonth: readonly FiredCase[],
): FiredCase | undefined {
  if (!closesPeriod(input.month, rule.trigger.period)) return undefined;
  const evidence = triggerEvidence(rule, input);
  if (!evidence) return undefined;
  const prerequisite = requiredCase(rule, input, firedThisMonth);
  if (prerequisite === null) return undefined;
  return {
    id: caseId(input.unit, rule.rung, input.month),
    ruleId: rule.id,
    rung: rule.rung,
    unit: input.unit,
    month: input.month,
    consequence: rule.consequence,
    approvers: [...rule.approvers],
    nominatedBy: rule.nominatedBy ?? null,
    approvalDeadline: rule.approvers.length > 0 ? (rule.approvalDeadline ?? input.approvalDeadline) : null,
    dueWithin: rule.dueWithin ?? null,
    explanation: explain(rule, input, evidence, prerequisite),
  };
}

function triggerEvidence(rule: LadderRule, input: LadderInput): TriggerEvidence | undefined {
  switch (rule.trigger.basis) {
    case 'lagging':
      return streakEvidence(rule, input, (record) => record.lagging, describeStanding);
    case 'plan_miss': {
      const dimensions = rule.trigger.dimensions ?? input.planLadderDimensions;
      const behind = (record: UnitMonthRecord) =>
        record.behindPlan.filter((indicator) => dimensions.includes(input.dimensions[indicator]));
      return streakEvidence(
        rule,
        input,
        (record) => behind(record).length > 0,
        (record) => describePlanMiss(record, behind(record)),
        behind,
      );
    }
    case 'annual_task_incomplete':
      return annualEvidence(input);
  }
}

function streakEvidence(
  rule: LadderRule,
  input: LadderInput,
  holds: (record: UnitMonthRecord) => boolean,
  describe: (record: UnitMonthRecord) => string,
  indicatorsOf: (record: UnitMonthRecord) => string[] = () => [],
): TriggerEvidence | undefined {
  const streak = streakEndingAt(input.history, input.month, holds);
  if (streak < rule.trigger.streak) return undefined;
  const records = input.history.slice(input.month - rule.trigger.streak, input.month);
  const condition = CONDITION_WORDS[rule.trigger.basis];
  const run = streak > 1 ? `${condition} ${streak} months in a row` : `${condition} in month ${input.month}`;
  return {
    months: records.map((record) => record.month),
    indicators: indicatorsOf(records[records.length - 1]),
    summary: `${run} (${records.map((record) => `month ${record.month}: ${describe(record)}`).join('; ')})`,
    run: streak,
    standings: records.map((record) => standingOf(record, indicatorsOf(record))),
  };
}

function annualEvidence(input: LadderInput): TriggerEvidence | undefined {
  const task = input.annualTask;
  if (!task || task.completed) return undefined;
  const reasons = [
    task.vetoedSince !== null ? `vetoed since month ${task.vetoedSince}` : '',
    task.reported ? '' : 'no approved month-12 report',
    task.shortOf.length > 0 ? `short of the satisfactory value at month 12 on ${task.shortOf.join(', ')}` : '',
  ].filter(Boolean);
  const record = input.history[input.month - 1];
  return {
    months: [input.month],
    indicators: task.shortOf,
    summary: `${CONDITION_WORDS.annual_task_incomplete} (${reasons.join('; ')})`,
    run: 1,
    standings: record ? [standingOf(record, [])] : [],
  };
}

function standingOf(record: UnitMonthRecord, behindPlan: string[]): ExplainedMonth {
  const { month, rank, categorySize, score, reported, vetoed, lagging } = record;
  return { month, rank, categorySize, score, reported, vetoed, lagging, behindPlan };
}

/**
 * The case of the required rung within the rule's period, or null when the rule needs one
 * and none counts (none fired, or all were rejected); undefined when nothing is required.
 */
function requiredCase(
  rule: LadderRule,
  input: LadderInput,
  firedThisMonth: readonly CaseRecord[],
): CaseRecord | null | undefined {
  const requires = rule.trigger.requires;
  if (!requires) return undefined;
  const months = periodMonthsTo(input.month, requires.within);
  const candidates = [...input.earlierCases, ...firedThisMonth];
  const counts = (record: CaseRecord) =>
    !input.rejected.some(
      (rejected) => rejected.unit === record.unit && rejected.rung === record.rung && rejected.month === record.month,
    );
  return (
    candidates.find((record) => record.rung === requires.rung && months.includes(record.month) && counts(record)) ??
    null
  );
}

function explain(
  rule: LadderRule,
  input: LadderInput,
  evidence: TriggerEvidence,
  prerequisite: CaseRecord | undefined,
): CaseExplanation {
  const records = evidence.months.map((month) => input.history[month - 1]);
  const requirement = prerequisite
    ? `; the ${prerequisite.rung} case of month ${prerequisite.month} stands (not rejected)`
    : '';
  return {
    text: `${input.unit}, month ${input.month}: ${evidence.summary}${requirement}. Rule ${rule.id} (${describeTrigger(rule)}) -> ${rule.rung}.`,
    rule: rule.id,
    months: evidence.months,
    ranks: records.map((record) => record.rank),
    scores: records.map((record) => record.score),
    indicators: evidence.indicators,
    facts: {
      rung: rule.rung,
      basis: rule.trigger.basis,
      period: rule.trigger.period,
      streak: rule.trigger.streak,
      run: evidence.run,
      standings: evidence.standings,
      requires: rule.trigger.requires ?? null,
      prerequisite: prerequisite ? { rung: prerequisite.rung, month: prerequisite.month } : null,
      annualTask:
        rule.trigger.basis === 'annual_task_incomplete' && input.annualTask
          ? {
              reported: input.annualTask.reported,
              vetoedSince: input.annualTask.vetoedSince,
              shortOf: [...input.annualTask.shortOf],
            }
          : null,
    },
  };
}

const CONDITION_WORDS: Readonly<Record<TriggerBasis, string>> = {
  lagging: 'lagging',
  plan_miss: 'behind plan',
  annual_task_incomplete: 'annual task not completed',
};

function describeStanding(record: UnitMonthRecord): string {
  const score = record.reported ? `score ${record.score.toFixed(2)}` : 'no approved report, score 0';
  return `rank ${record.rank} of ${record.categorySize}, ${score}${record.vetoed ? ', vetoed' : ''}`;
}

function describePlanMiss(record: UnitMonthRecord, behind: readonly string[]): string {
  return record.reported ? `short of plan to date on ${behind.join(', ')}` : 'no approved report';
}

function describeTrigger(rule: LadderRule): string {
  const { basis, period, streak, requires } = rule.trigger;
  const run = streak > 1 ? ` ${streak} or more months in a row` : '';
  const when = period === 'month' ? 'checked every month' : `checked at the ${PERIOD_WORDS[period]}'s last month`;
  const after = requires ? `, once a case of ${requires.rung} in the same ${PERIOD_WORDS[requires.within]} stands` : '';
  return `${CONDITION_WORDS[basis]}${run}, ${when}${after}`;
}
