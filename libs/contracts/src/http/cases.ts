import { z } from 'zod';
import { CASE_STATUSES } from '../case';
import { idValue, text, TEXT_LIMITS } from './fields';
import { CASE_EVENT_KINDS, type CaseExplanation, type CaseSnapshot } from '../case';
import { roleSchema } from '@jiebang/domain/roles';
import { opaque } from './fields';

const note = text(TEXT_LIMITS.long);

/** Body of an approver's decision: a rejection needs a reason. */
export const decideCaseBody = z
  .strictObject({ approve: z.boolean(), reason: note.optional() })
  .refine((body) => body.approve || body.reason !== undefined, {
    path: ['reason'],
    message: 'a rejection needs a reason',
    // A field required in this case: worded as `required` beside it (PROBLEM_CODES).
    params: { code: 'required' },
  });

/** Body of recording the next step of a case's procedure. */
export const recordCaseStepBody = z.strictObject({ step: text(100), note: note.optional() });

/** Filters of the case list. */
export const listCasesQuery = z.strictObject({
  cycleId: idValue.optional(),
  unitId: idValue.optional(),
  status: z.enum(CASE_STATUSES).optional(),
});

export type DecideCaseBody = z.infer<typeof decideCaseBody>;
export type RecordCaseStepBody = z.infer<typeof recordCaseStepBody>;
export type ListCasesQuery = z.infer<typeof listCasesQuery>;

// Answers

const concernedAccount = z.object({ id: z.string(), name: z.string().describe('The display name') }).nullable();

export const caseDecisionView = z.object({
  role: roleSchema,
  userId: z.string(),
  userName: z.string().nullable().describe("The account's display name; null when the account is gone"),
  approve: z.boolean(),
  reason: z.string().nullable(),
  at: z.iso.datetime(),
});
export type CaseDecisionView = z.infer<typeof caseDecisionView>;

export const caseStepView = z.object({
  step: z.string(),
  userId: z.string(),
  userName: z.string().nullable().describe("The account's display name; null when the account is gone"),
  note: z.string().nullable(),
  at: z.iso.datetime(),
});
export type CaseStepView = z.infer<typeof caseStepView>;

/** A case as stored: its trigger, where it stands, who decided and what was recorded. */
export const caseView = z.object({
  caseId: z
    .string()
    .describe('cycle/unit/rung/m<month>; URL-encode it in paths')
    .meta({ example: '2026-demo/u01/interview/m3' }),
  workflowId: z.string(),
  cycleId: z.string(),
  unitId: z.string(),
  rung: z.string().describe('The ladder rung, e.g. interview (CASE_STEPS lists the known ones)'),
  month: z.number(),
  ruleId: z.string(),
  status: z.enum(CASE_STATUSES),
  concerns: z
    .object({ head: z.string().nullable(), deputy: z.string().nullable() })
    .describe(
      'The people the case concerns, as the import named them: the head, and for quarterly discipline the deputy in charge (null when not given)',
    ),
  concernedAccounts: z
    .object({ head: concernedAccount, deputy: concernedAccount })
    .describe(
      'The enabled accounts linked to the posts the case concerns (unitPost head/deputy of its unit), looked up when read: null when none is linked; deputy only for quarterly discipline',
    ),
  explanation: opaque<CaseExplanation>().describe(
    'Why the case fired: English text, the rule, the months, ranks, scores and indicators behind it, and its facts (trigger, standings, prerequisite, annual task) for any language',
  ),
  approvers: z.array(roleSchema),
  decisions: z.array(caseDecisionView),
  steps: z.array(caseStepView),
  openedAt: z.iso.datetime(),
  approvalDueAt: z.iso.datetime().nullable(),
  reminded: z.boolean(),
  escalated: z.boolean(),
  outcomeDueAt: z.iso.datetime().nullable().describe("When the outcome is due: the rule's dueWithin after approval"),
  overdue: z.boolean().describe('The outcome was not carried out in time: its people and LEADERSHIP were told'),
  closedAt: z.iso.datetime().nullable(),
});
export type CaseView = z.infer<typeof caseView>;

export const caseEventView = z.object({
  seq: z.number(),
  kind: z.enum(CASE_EVENT_KINDS),
  actorId: z.string().nullable().describe('Null for what the workflow did on its own'),
  actorRole: roleSchema.nullable().describe('The role an approval counted for'),
  step: z.string().nullable(),
  note: z.string().nullable(),
  statusAfter: z.enum(CASE_STATUSES),
  at: z.iso.datetime(),
});
export type CaseEventView = z.infer<typeof caseEventView>;

export const caseDetailView = caseView.extend({
  events: z.array(caseEventView),
  live: opaque<CaseSnapshot>()
    .nullable()
    .describe('Live state from the case workflow (a Query); null once a closed case has left Temporal'),
});
export type CaseDetailView = z.infer<typeof caseDetailView>;
