import { z } from 'zod';
import { boundedValueSchema, type DispatchWeek, type KeyProjectCalendarEvent } from '@jiebang/domain';
import type { MilestoneSlip } from '@jiebang/domain';
import { textHygieneProblem } from './text-hygiene';

/** Free text of a weekly note: trimmed, 1..2000 characters, no control characters. */
const noteText = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .superRefine((value, context) => {
    const problem = textHygieneProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

/**
 * `POST /cycles/{id}/projects/{projectId}/weekly-notes`: the owner unit's weekly note on a key
 * project (每周调度): the investment made this week, news of its milestones, and problems that
 * need a leader's help. Not scored.
 */
export const weeklyNoteBody = z.strictObject({
  week: z.number().int().min(1).max(60),
  investment: boundedValueSchema('investment').nonnegative({ message: 'investment cannot be negative' }),
  milestoneNews: noteText.optional(),
  problems: noteText.optional(),
});
export type WeeklyNoteBody = z.infer<typeof weeklyNoteBody>;

/** `POST .../weekly/{week}/notes/{projectId}/supervision`: an assessor turns a note's problems into a supervision item. */
export const superviseWeeklyProblemBody = z.strictObject({
  /** The item's deadline; `policy.milestoneGrace` from now when absent. */
  deadline: z.iso.datetime({ offset: true }).optional(),
});
export type SuperviseWeeklyProblemBody = z.infer<typeof superviseWeeklyProblemBody>;

/** One stored weekly note. */
export interface WeeklyNote {
  project: string;
  week: number;
  unit: string;
  investment: number;
  milestoneNews: string | null;
  problems: string | null;
  sentBy: string;
  sentAt: string;
  /** The supervision item an assessor made of the note's problems, if any. */
  supervisionItemId: string | null;
}

/** `GET /cycles/{id}/projects/weekly`: who is dispatched weekly, and the weeks. */
export interface WeeklyDispatchPlan {
  categories: string[];
  weeks: DispatchWeek[];
  /** The week whose notes are taken now, null outside every week (or without dispatch). */
  currentWeek: number | null;
}

/** One project in a weekly digest: its note (null when missing), slips and whether it is stalled. */
export interface DigestProject {
  project: string;
  name: string;
  unit: string;
  unitName: string;
  leaderName: string;
  note: WeeklyNote | null;
  slipped: MilestoneSlip[];
  stalled: boolean;
}

/** The digest of one category for one week. */
export interface CategoryDigest {
  category: string;
  name: string;
  projects: DigestProject[];
  /** Projects without a note this week. */
  missing: string[];
  /** Projects with a slipped milestone (挂牌督战). */
  slipping: string[];
  /** Projects stalled in the last closed month (专盯). */
  stalled: string[];
  /** Projects whose note names a problem needing a leader's help. */
  problems: string[];
}

/** `GET /cycles/{id}/projects/weekly/{week}/digest`: the assessors' weekly digest, per dispatched category. */
export interface WeeklyDigest {
  week: DispatchWeek;
  /** Whether the week has closed (its missing notes can no longer come). */
  closed: boolean;
  categories: CategoryDigest[];
}

/** Input of `keyProjectCalendarWorkflow`: the timers still to come when the cycle was imported, in time order. */
export interface KeyProjectCalendarInput {
  cycleId: string;
  events: KeyProjectCalendarEvent[];
}

/** The workflow id of a cycle's key-project calendar (weekly dispatch, monthly portfolios): `key-project-calendar-<cycleId>`. */
export function keyProjectCalendarWorkflowId(cycleId: string): string {
  return `key-project-calendar-${cycleId}`;
}
