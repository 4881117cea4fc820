import type { Rung } from './ladder-rules';
import type { Role } from './roles';

/** Why a case fired: readable text and the months, ranks and scores behind it. A type alias so it fits any `{ text; [fact]: unknown }`. */
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
