import { z } from 'zod';
import { LANGUAGES } from '../account';

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
