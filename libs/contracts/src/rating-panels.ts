import { z } from 'zod';

/*
 * Request shapes of the rating panels (issue 23): personal single-round links for panel members,
 * the assessors' reminder button.
 */

/** POST /cycles/{cycleId}/rating-rounds/{month}/links: links for the members of one panel (or of every panel of the round). */
export const ratingLinksRequestSchema = z
  .object({
    panel: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe('Only this panel of policy.panels; every panel rated that month when left out'),
    members: z
      .array(z.string().min(1).max(64))
      .min(1)
      .max(500)
      .optional()
      .describe('Only these members (each a member of the panel); every member when left out'),
  })
  .strict();
export type RatingLinksRequest = z.infer<typeof ratingLinksRequestSchema>;

/** POST /cycles/{cycleId}/rating-rounds/{month}/reminders: one press of the reminder button. */
export const ratingReminderPressSchema = z
  .object({
    pressId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, 'a press id is 8 to 64 letters, digits, _ or -')
      .describe('Chosen by the console for each press: sending the same press again reminds nobody twice'),
  })
  .strict();
export type RatingReminderPress = z.infer<typeof ratingReminderPressSchema>;

/**
 * A link's token: `r`, the link id and its HMAC, base64url, a dot between (the `r` because a path
 * parameter must begin with a letter or digit, and base64url may begin with - or _).
 */
export const RATING_LINK_TOKEN = /^r[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/;
