import type { AssessmentPeriod } from './assessment-period';
import type { Rung, TriggerBasis } from './ladder-rules';
import type { Role } from './roles';

/** A month a trigger looked at, as the unit stood in it. */
export interface ExplainedMonth {
  month: number;
  rank: number;
  /** Units in the unit's category that month. */
  categorySize: number;
  /** Unrounded; 0 without an approved report. */
  score: number;
  reported: boolean;
  vetoed: boolean;
  lagging: boolean;
  /** For plan misses: the watched indicators short of their plan to date. */
  behindPlan: string[];
}

/**
 * Why a case fired, as structured facts: what people read is built from these in their own
 * language (the console), never parsed back out of `text`.
 */
export type ExplanationFacts = {
  rung: Rung;
  basis: TriggerBasis;
  /** The rule is checked at the last month of each such period. */
  period: AssessmentPeriod;
  /** Consecutive months the rule needs. */
  streak: number;
  /** Consecutive months the condition actually held, ending at the case's month. */
  run: number;
  /** The months the rule needed, oldest first. */
  standings: ExplainedMonth[];
  /** A case of this rung within the period must stand first. */
  requires: { rung: Rung; within: AssessmentPeriod } | null;
  /** The standing case that met `requires`. */
  prerequisite: { rung: string; month: number } | null;
  /** For the annual task: why it is not completed. */
  annualTask: { reported: boolean; vetoedSince: number | null; shortOf: string[] } | null;
};

/** Why a case fired: English text (logs, the CLI) and the months, ranks and scores behind it. A type alias so it fits any `{ text; [fact]: unknown }`. */
export type CaseExplanation = {
  text: string;
  /** The id of the ladder rule that fired. */
  rule: string;
  /** The months the trigger looked at, oldest first. */
  months: number[];
  /** The unit's rank in each of those months. */
  ranks: number[];
  /** The unit's unrounded score in each of those months. */
  scores: number[];
  /** Indicators behind plan (plan misses) or short of their satisfactory value (annual task). */
  indicators: string[];
  /** The same, structured for any language; absent on cases fired before it was recorded. */
  facts?: ExplanationFacts;
};

/** The trigger a case answers: one rung for one unit in one month. */
export interface CaseTrigger {
  unit: string;
  rung: Rung;
  month: number;
}

/** A case people rejected, as stores keep it (the rung as plain text). */
export interface RejectedCase {
  unit: string;
  rung: string;
  month: number;
}

/** The identity of a fired case: one per rule, unit and month, so it can fire only once. */
export interface CaseRecord extends CaseTrigger {
  /** `<unit>/<rung>/m<month>`: the idempotency key of the case. */
  id: string;
  ruleId: string;
}

/** A case proposed by the ladder, with what it asks for and why. */
export interface FiredCase extends CaseRecord {
  consequence: string;
  /** Roles that must all approve; empty when no approval is needed. */
  approvers: Role[];
  nominatedBy: Role | null;
  /** Time the approvers have, a duration string. */
  approvalDeadline: string | null;
  /** Time to carry the consequence out once approved, a duration string. */
  dueWithin: string | null;
  explanation: CaseExplanation;
}

/** The idempotency key of a case: one per unit, rung and month. */
export function caseId(unit: string, rung: Rung, month: number): string {
  return `${unit}/${rung}/m${month}`;
}
