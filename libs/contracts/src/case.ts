import type { CalendarSettings, CaseExplanation, FiredCase, Policy } from '@jiebang/domain';
import type { Actor, Role } from './actor';

export type { CaseExplanation };

/**
 * Where a case stands. `preparing`: a step due before approval is missing (the year-end
 * nomination); `in_progress`: approved, or needing no approval, with outcome steps to record.
 * `rejected` and `completed` are closed: a rejected case does not count.
 */
export const CASE_STATUSES = ['preparing', 'awaiting_approval', 'in_progress', 'completed', 'rejected'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** What can happen to a case; each is one row of its audit trail (`case_events`). */
export const CASE_EVENT_KINDS = [
  'opened',
  'approved',
  'rejected',
  'step_recorded',
  'reminded',
  'escalated',
  'overdue',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

/** The statuses in which a case accepts nothing more. */
export const CLOSED_CASE_STATUSES: readonly CaseStatus[] = ['completed', 'rejected'];

/** Input of `caseWorkflow`: one fired rung of the ladder (a FiredCase of the rules), as plain data. */
export interface CaseInput {
  /** `caseIdOf(cycleId, unitId, rung, month)`. */
  caseId: string;
  cycleId: string;
  unitId: string;
  /** The ladder rule's rung: one of CASE_RUNGS, or a rung the policy adds (generic procedure). */
  rung: string;
  /** The month whose ranking (or plan check) fired the rung. */
  month: number;
  /** The policy rule that fired, for the explanation and the audit. */
  ruleId: string;
  /** Roles that must approve; empty: the case needs no approval. */
  approvers: Role[];
  explanation: CaseExplanation;
  /** How long approvers have before a reminder, and again before escalation to LEADERSHIP: '3d', '2s'. */
  approvalDeadline: string;
  /** The cycle's calendar: an approval deadline counted in days then skips weekends and holidays. */
  calendar?: CalendarSettings;
  /** The rule's nominating role (see `caseProcedureOf`); undefined keeps the rung's own. */
  nominatedBy?: Role | null;
  /** The head the case is about (the unit's `head`, as imported); they may not decide on their own case. */
  unitHeadId?: string;
  /** The people the case concerns: the unit's head, and for quarterly discipline the deputy in charge. */
  concerns?: CaseConcerns;
  /** Time to carry the consequence out once approved (the rule's `dueWithin`: '10d'); none: no deadline. */
  dueWithin?: string | null;
}

/** Who a case is about, as the import named them (null: the scenario did not say). */
export interface CaseConcerns {
  head: string | null;
  /** Only for a quarterly discipline case (调整分管负责同志). */
  deputy: string | null;
}

/** An enabled account linked to a post a case concerns (the unit's head or deputy in charge). */
export interface ConcernedAccount {
  id: string;
  name: string;
}

/** The accounts linked to the posts a case concerns, looked up when read (null: none linked; deputy only for quarterly discipline). */
export interface CaseConcernedAccounts {
  head: ConcernedAccount | null;
  deputy: ConcernedAccount | null;
}

/** One approver's decision. */
export interface CaseDecision {
  role: Role;
  userId: string;
  approve: boolean;
  reason: string | null;
  at: string;
}

/** One recorded step of the procedure. */
export interface CaseStepRecord {
  step: string;
  userId: string;
  note: string | null;
  at: string;
}

/** What a case workflow reports about itself (the `caseStatus` Query and every Update's answer). */
export interface CaseSnapshot {
  caseId: string;
  cycleId: string;
  unitId: string;
  rung: string;
  month: number;
  ruleId: string;
  status: CaseStatus;
  /** The people the case concerns. */
  concerns: CaseConcerns;
  explanation: CaseExplanation;
  approvers: Role[];
  /** Approver roles still to decide, in order. */
  pendingApprovers: Role[];
  decisions: CaseDecision[];
  steps: CaseStepRecord[];
  /** The steps still to record, in order. */
  remainingSteps: string[];
  openedAt: string;
  /** When the approvers are reminded, then (one more deadline later) escalated; null without approval. */
  approvalDueAt: string | null;
  reminded: boolean;
  escalated: boolean;
  /** When the outcome steps are due: `dueWithin` after approval (after opening without approvers); null until then or without one. */
  outcomeDueAt: string | null;
  /** The outcome was not carried out by `outcomeDueAt`: its people were told, and LEADERSHIP. */
  overdue: boolean;
  closedAt: string | null;
}

export interface DecideCaseRequest {
  actor: Actor;
  approve: boolean;
  /** Required to reject. */
  reason?: string;
}

export interface RecordCaseStepRequest {
  actor: Actor;
  step: string;
  note?: string;
}

/** Why a case workflow refused a human step; the API maps each code to an HTTP status (API_ERRORS). */
export const CASE_REJECTIONS = {
  ROLE_NOT_ALLOWED: 'ROLE_NOT_ALLOWED',
  CASE_CLOSED: 'CASE_CLOSED',
  CASE_NOT_AWAITING_APPROVAL: 'CASE_NOT_AWAITING_APPROVAL',
  APPROVER_ALREADY_DECIDED: 'APPROVER_ALREADY_DECIDED',
  APPROVAL_ALREADY_GIVEN: 'APPROVAL_ALREADY_GIVEN',
  CASE_OUT_OF_ORDER: 'CASE_OUT_OF_ORDER',
  UNKNOWN_CASE_STEP: 'UNKNOWN_CASE_STEP',
  CASE_REASON_REQUIRED: 'CASE_REASON_REQUIRED',
  CASE_NOTE_REQUIRED: 'CASE_NOTE_REQUIRED',
} as const;
export type CaseRejection = keyof typeof CASE_REJECTIONS;

/** A case's id from its trigger: one case per unit, rung and month, however often the month is ranked. */
export function caseIdOf(cycleId: string, unitId: string, rung: string, month: number): string {
  return `${cycleId}/${unitId}/${rung}/m${month}`;
}

/** The workflow id of a case, `case-<cycleId>/<unitId>/<rung>/m<month>`: a retried start finds the running case. */
export function caseWorkflowId(cycleId: string, unitId: string, rung: string, month: number): string {
  return `case-${caseIdOf(cycleId, unitId, rung, month)}`;
}

/** The case a case workflow runs (the inverse of caseWorkflowId). */
export function caseIdOfWorkflowId(workflowId: string): string {
  return workflowId.replace(/^case-/, '');
}

/** The case a month's final ranking fired for a unit, as its case workflow takes it (the unit's head and deputy as imported). */
export function caseInputOf(
  cycleId: string,
  fired: FiredCase,
  policy: Policy,
  unit: { head: string | null; deputy: string | null } | undefined,
): CaseInput {
  const head = unit?.head ?? null;
  return {
    caseId: caseIdOf(cycleId, fired.unit, fired.rung, fired.month),
    cycleId,
    unitId: fired.unit,
    rung: fired.rung,
    month: fired.month,
    ruleId: fired.ruleId,
    approvers: [...fired.approvers],
    explanation: fired.explanation,
    approvalDeadline: fired.approvalDeadline ?? policy.approvalDeadline,
    nominatedBy: fired.nominatedBy,
    dueWithin: fired.dueWithin,
    calendar: policy.calendar,
    ...(head ? { unitHeadId: head } : {}),
    concerns: { head, deputy: fired.rung === 'quarterly_discipline' ? (unit?.deputy ?? null) : null },
  };
}
