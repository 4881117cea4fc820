import { z } from 'zod';
import { SUPERVISION_STATUSES } from '@jiebang/contracts';
import { durationMs } from '@jiebang/domain';
import { idValue, instant, text as boundedText, TEXT_LIMITS } from '../common/schemas';

const text = boundedText(TEXT_LIMITS.long);

/** The longest accountability grace: a year. */
const MAX_GRACE_MS = 366 * 86_400_000;

const duration = z
  .string()
  .max(20)
  .refine((value) => {
    try {
      const ms = durationMs(value);
      return ms > 0 && ms <= MAX_GRACE_MS;
    } catch {
      return false;
    }
  }, 'must be a positive duration of at most 366d, such as 3d, 12h or 30s');

/** Body of opening a supervision item (督办事项) against a unit. */
export const openSupervisionItemBody = z.strictObject({
  cycleId: idValue,
  unitId: idValue,
  title: boundedText(TEXT_LIMITS.title),
  /** The indicator concerned: the item may go to its lead unit or to one of its cooperating units (配合). */
  indicatorId: idValue.optional(),
  description: text,
  deadline: instant,
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
    // A field required in this case: worded as `required` beside it (libs/contracts' PROBLEM_CODES).
    params: { code: 'required' },
  });

export const listSupervisionItemsQuery = z.strictObject({
  cycleId: idValue.optional(),
  unitId: idValue.optional(),
  status: z.enum(SUPERVISION_STATUSES).optional(),
});

export type OpenSupervisionItemBody = z.infer<typeof openSupervisionItemBody>;
export type RespondToSupervisionItemBody = z.infer<typeof respondToSupervisionItemBody>;
export type VerifySupervisionItemBody = z.infer<typeof verifySupervisionItemBody>;
export type ListSupervisionItemsQuery = z.infer<typeof listSupervisionItemsQuery>;
