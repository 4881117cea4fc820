import { z } from 'zod';
import { ROLES } from '@jiebang/domain/roles';
import { LANGUAGES } from '../account';
import { NOTIFICATION_KINDS } from '../notification';

export const listMessagesQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** `?all=true` lists acknowledged escalations too. */
export const escalationsQuery = z.strictObject({ all: z.enum(['true', 'false']).optional() });

export const messagePreferencesBody = z.strictObject({
  language: z.enum(LANGUAGES),
  digest: z.boolean(),
});

export const acknowledgeEscalationBody = z.strictObject({
  /** What was done about it. */
  note: z.string().trim().min(1, 'say what was done').max(4000),
});

export const uuidParam = z.uuid({ message: 'must be an id (UUID)' });

export type ListMessagesQuery = z.infer<typeof listMessagesQuery>;
export type EscalationsQuery = z.infer<typeof escalationsQuery>;
export type MessagePreferencesBody = z.infer<typeof messagePreferencesBody>;
export type AcknowledgeEscalationBody = z.infer<typeof acknowledgeEscalationBody>;

// Answers

/** A message in a person's message centre (消息中心). */
export const messageView = z.object({
  id: z.string(),
  notificationId: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  lines: z.array(z.string()),
  link: z.string().describe('The path of the step the message asks for, e.g. `/cycles/2026/units/u01/reports/3`'),
  cycleId: z.string(),
  unitId: z.string().nullable(),
  month: z.number().nullable(),
  dueAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type MessageView = z.infer<typeof messageView>;

export const messagePage = z.object({ messages: z.array(messageView), unread: z.number() });
export type MessagePage = z.infer<typeof messagePage>;

/** A person's unread count. */
export const unreadCount = z.object({ unread: z.number() });

/** A person's own choices about their messages (GET and PUT /messages/preferences). */
export const messagePreferences = z.object({
  language: z.enum(LANGUAGES),
  digest: z
    .boolean()
    .describe('Personal channels (e-mail) carry one digest each working morning instead of one message per item'),
});
export type MessagePreferences = z.infer<typeof messagePreferences>;

/** An escalation (升级督办) as a task of the role it is addressed to, until someone of that role acknowledges it. */
export const escalationTask = z.object({
  id: z.string(),
  cycleId: z.string(),
  unitId: z.string(),
  addressedTo: z.enum(ROLES),
  reason: z.string(),
  openedAt: z.iso.datetime(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.iso.datetime().nullable(),
  note: z.string().nullable(),
});
export type EscalationTask = z.infer<typeof escalationTask>;
