import type { Role } from './actor';

export const NOTIFICATION_KINDS = ['reminder', 'deadline', 'escalation', 'bulletin'] as const;
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
  /** The pending step the notice asks for (`report.submit`, `case.approve`...): picks its template and link. */
  step?: NotificationStep;
  /** For a step of one month: that month, 1..12. */
  month?: number;
  /** The case or supervision item the notice is about. */
  subjectId?: string;
  /** One person of `recipientRole` the notice is for (a leader's own portfolio); absent: every holder of the role. */
  recipientUserId?: string;
}

/** The steps a notice can ask for; each has a template and a link (see message-catalogue). */
export const NOTIFICATION_STEPS = [
  'pledge.sign',
  'report.submit',
  'report.confirm',
  'report.review',
  'case.decide',
  'case.record',
  'supervision.respond',
  'escalation.acknowledge',
  'bulletin.read',
] as const;
export type NotificationStep = (typeof NOTIFICATION_STEPS)[number];

/**
 * The roles a notice is for. A bulletin (通报) is for the people of every unit, heads and reporters
 * alike, as one notice: one post in a group, one message and one mail per person. Every other
 * notice is for its `recipientRole`.
 */
export function audienceOf(notice: { kind: NotificationKind; recipientRole: Role }): Role[] {
  return notice.kind === 'bulletin' ? ['UNIT_HEAD', 'UNIT_REPORTER'] : [notice.recipientRole];
}

/** An escalation record opened when a deadline passes; `key` makes opening it idempotent. */
export interface EscalationRequest {
  key: string;
  cycleId: string;
  unitId: string;
  addressedTo: Role;
  reason: string;
}
