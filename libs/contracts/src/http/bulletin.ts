import { z } from 'zod';
import { NO_CONTROL_CHARACTERS as NO_CONTROL, TEXT_LIMITS } from './fields';

/** A paragraph of the bulletin: may be empty (none printed), newlines allowed. */
const paragraphText = z.string().trim().max(TEXT_LIMITS.long).regex(NO_CONTROL, 'must not contain control characters');

export const bulletinParagraphsBody = z.strictObject({
  opening: paragraphText.optional(),
  closing: paragraphText.optional(),
});
/** The same, for a request that may come without a body at all (publishing from the month close page). */
export const optionalParagraphsBody = z.preprocess((body) => body ?? {}, bulletinParagraphsBody);
export const bulletinVersionParam = z.coerce.number().int().min(1).max(1_000_000);

export type BulletinParagraphsBody = z.infer<typeof bulletinParagraphsBody>;

// Answers

/** A published bulletin as listed (its bytes are downloaded apart). */
export const bulletinVersionView = z.object({
  cycleId: z.string(),
  month: z.number(),
  version: z.number(),
  rankingVersion: z.number(),
  opening: z.string(),
  closing: z.string(),
  sha256: z.string(),
  publishedBy: z.string(),
  publishedAt: z.iso.datetime(),
});
export type BulletinVersionView = z.infer<typeof bulletinVersionView>;

export const bulletinDraftView = z.object({
  cycleId: z.string(),
  month: z.number(),
  opening: z.string(),
  closing: z.string(),
});
export type BulletinDraftView = z.infer<typeof bulletinDraftView>;
