import { z } from 'zod';
import { SUPERVISION_STATUSES } from '../supervision';
import { durationMs } from '@jiebang/domain';
import { idValue, instant, text as boundedText, TEXT_LIMITS } from './fields';
import { SUPERVISION_EVENT_KINDS, type SupervisionSnapshot } from '../supervision';
import { opaque } from './fields';

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
    // A field required in this case: worded as `required` beside it (PROBLEM_CODES).
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

// Answers

export const supervisionResponseView = z.object({
  userId: z.string(),
  text: z.string(),
  at: z.iso.datetime(),
});
export type SupervisionResponseView = z.infer<typeof supervisionResponseView>;

export const supervisionVerificationView = z.object({
  userId: z.string(),
  accept: z.boolean(),
  comment: z.string().nullable(),
  at: z.iso.datetime(),
});
export type SupervisionVerificationView = z.infer<typeof supervisionVerificationView>;

/** A supervision item as stored. */
export const supervisionItemView = z.object({
  id: z.string().meta({ example: 'sv-3f2a9c0d1e4b5a67' }),
  workflowId: z.string(),
  cycleId: z.string(),
  unitId: z.string(),
  title: z.string(),
  indicatorId: z.string().nullable().describe('The indicator concerned; the unit is its lead or a cooperating unit'),
  description: z.string(),
  status: z.enum(SUPERVISION_STATUSES),
  openedBy: z.string(),
  openedAt: z.iso.datetime(),
  deadline: z.iso.datetime(),
  accountabilityAt: z.iso.datetime().describe('When an item still unanswered goes to DISCIPLINE (问责)'),
  overdue: z.boolean(),
  escalationLevel: z
    .union([z.literal(0), z.literal(1), z.literal(2)])
    .describe('1: 通报 (ASSESSOR + LEADERSHIP), 2: 问责 (DISCIPLINE)'),
  responses: z.array(supervisionResponseView),
  verifications: z.array(supervisionVerificationView),
  closedAt: z.iso.datetime().nullable(),
});
export type SupervisionItemView = z.infer<typeof supervisionItemView>;

export const supervisionEventView = z.object({
  seq: z.number(),
  kind: z.enum(SUPERVISION_EVENT_KINDS),
  actorId: z.string().nullable().describe('Null for what the workflow did on its own'),
  actorName: z
    .string()
    .nullable()
    .describe("The actor's display name; null for what the workflow did on its own, or when the account is gone"),
  note: z.string().nullable(),
  statusAfter: z.enum(SUPERVISION_STATUSES),
  at: z.iso.datetime(),
});
export type SupervisionEventView = z.infer<typeof supervisionEventView>;

export const supervisionItemDetailView = supervisionItemView.extend({
  events: z.array(supervisionEventView),
  live: opaque<SupervisionSnapshot>()
    .nullable()
    .describe('Live state from the item workflow (a Query); null once a closed item has left Temporal'),
});
export type SupervisionItemDetailView = z.infer<typeof supervisionItemDetailView>;

export const openSupervisionItemResult = z.object({
  created: z.boolean().describe('False when the same item (cycle, unit, title) had been opened before'),
  item: supervisionItemView,
});
export type OpenSupervisionItemResult = z.infer<typeof openSupervisionItemResult>;
