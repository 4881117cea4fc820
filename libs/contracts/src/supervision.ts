import type { Actor } from './actor';

/**
 * Where a supervision item (督办事项) stands: `open` and `returned` wait for the unit's
 * response, `responded` waits for an assessor's verification, `closed` is verified (销号).
 */
export const SUPERVISION_STATUSES = ['open', 'responded', 'returned', 'closed'] as const;
export type SupervisionStatus = (typeof SUPERVISION_STATUSES)[number];

/** What can happen to a supervision item; each is one row of its audit trail (`supervision_events`). */
export const SUPERVISION_EVENT_KINDS = [
  'opened',
  'reminded',
  'responded',
  'overdue',
  'accountability',
  'closed',
  'sent_back',
] as const;
export type SupervisionEventKind = (typeof SUPERVISION_EVENT_KINDS)[number];

/** 0: on time; 1: overdue, notified (通报); 2: overdue past the grace period, accountability (问责). */
export type SupervisionEscalationLevel = 0 | 1 | 2;

/** Input of `supervisionWorkflow`: the item as opened, and its timeline as instants. */
export interface SupervisionInput {
  /** Stable and free of slashes; the API derives it from (cycle, unit, title). */
  itemId: string;
  cycleId: string;
  unitId: string;
  title: string;
  description: string;
  openedBy: string;
  openedAt: string;
  /** The response is due by this instant. */
  deadline: string;
  /** When to remind the unit before the deadline (the policy's reminder offsets, applied). */
  reminders: string[];
  /** When an item still unanswered escalates to accountability (问责): the deadline plus a grace period. */
  accountabilityAt: string;
}

export interface SupervisionResponse {
  userId: string;
  text: string;
  at: string;
}

export interface SupervisionVerification {
  userId: string;
  accept: boolean;
  comment: string | null;
  at: string;
}

/** What a supervision workflow reports about itself (the Query and every Update's answer). */
export interface SupervisionSnapshot {
  itemId: string;
  cycleId: string;
  unitId: string;
  title: string;
  description: string;
  status: SupervisionStatus;
  openedBy: string;
  openedAt: string;
  deadline: string;
  accountabilityAt: string;
  /** The deadline passed while the item waited for the unit. */
  overdue: boolean;
  escalationLevel: SupervisionEscalationLevel;
  responses: SupervisionResponse[];
  verifications: SupervisionVerification[];
  closedAt: string | null;
}

export interface RespondToSupervisionRequest {
  actor: Actor;
  text: string;
}

export interface VerifySupervisionRequest {
  actor: Actor;
  /** true closes the item (销号); false sends it back to the unit. */
  accept: boolean;
  /** Required to send back. */
  comment?: string;
}

/** Why a supervision workflow refused a human step; the API maps each code to an HTTP status. */
export const SUPERVISION_REJECTIONS = {
  ROLE_NOT_ALLOWED: 'ROLE_NOT_ALLOWED',
  SUPERVISION_CLOSED: 'SUPERVISION_CLOSED',
  SUPERVISION_NOT_AWAITING_RESPONSE: 'SUPERVISION_NOT_AWAITING_RESPONSE',
  SUPERVISION_NOT_RESPONDED: 'SUPERVISION_NOT_RESPONDED',
  SUPERVISION_TEXT_REQUIRED: 'SUPERVISION_TEXT_REQUIRED',
} as const;
export type SupervisionRejection = keyof typeof SUPERVISION_REJECTIONS;

/** The workflow id of a supervision item: `supervision-<cycleId>/<unitId>/<itemId>`. */
export function supervisionWorkflowId(cycleId: string, unitId: string, itemId: string): string {
  return `supervision-${cycleId}/${unitId}/${itemId}`;
}

/** The item a supervision workflow runs (the inverse of supervisionWorkflowId). */
export function supervisionItemIdOfWorkflowId(workflowId: string): string {
  return workflowId.slice(workflowId.lastIndexOf('/') + 1);
}
