import { z } from 'zod/v4';
import { SUPERVISION_STATUSES } from '../../../../libs/contracts/src';
import { durationMs } from '../../../../libs/domain/src';

const text = z.string().trim().min(1).max(4000);

const duration = z.string().refine((value) => {
  try {
    return durationMs(value) > 0;
  } catch {
    return false;
  }
}, 'must be a positive duration such as 3d, 12h or 30s');

/** Body of opening a supervision item (督办事项) against a unit. */
export const openSupervisionItemBody = z.strictObject({
  cycleId: z.string().min(1),
  unitId: z.string().min(1),
  title: z.string().trim().min(1).max(200),
  /** The indicator concerned: the item may go to its lead unit or to one of its cooperating units (配合). */
  indicatorId: z.string().min(1).optional(),
  description: text,
  deadline: z.iso.datetime({ offset: true }),
  /** How long past the deadline an unanswered item waits before accountability (问责). */
  accountabilityGrace: duration.optional(),
});

export const respondToSupervisionItemBody = z.strictObject({ text });

/** Body of an assessor's verification: sending back needs a comment. */
export const verifySupervisionItemBody = z
  .strictObject({ accept: z.boolean(), comment: text.optional() })
  .refine((body) => body.accept || body.comment !== undefined, {
    path: ['comment'],
    message: 'sending an item back needs a comment',
  });

export const listSupervisionItemsQuery = z.strictObject({
  cycleId: z.string().min(1).optional(),
  unitId: z.string().min(1).optional(),
  status: z.enum(SUPERVISION_STATUSES).optional(),
});

export type OpenSupervisionItemBody = z.infer<typeof openSupervisionItemBody>;
export type RespondToSupervisionItemBody = z.infer<typeof respondToSupervisionItemBody>;
export type VerifySupervisionItemBody = z.infer<typeof verifySupervisionItemBody>;
export type ListSupervisionItemsQuery = z.infer<typeof listSupervisionItemsQuery>;
