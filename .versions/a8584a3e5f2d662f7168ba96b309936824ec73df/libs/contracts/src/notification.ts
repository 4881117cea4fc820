import type { Role } from './actor';

export const NOTIFICATION_KINDS = ['reminder', 'deadline', 'escalation'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A notice for the outbox; `key` makes writing it idempotent. */
export interface NotificationRequest {
  key: string;
  cycleId: string;
  unitId: string | null;
  kind: NotificationKind;
  recipientRole: Role;
  subject: string;
  dueAt: string | null;
}

/** An escalation record opened when a deadline passes; `key` makes opening it idempotent. */
export interface EscalationRequest {
  key: string;
  cycleId: string;
  unitId: string;
  addressedTo: Role;
  reason: string;
}
