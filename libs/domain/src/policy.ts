import { z } from 'zod';
import { calendarSchema } from './calendar';
import { durationSchema } from './duration';
import { finiteNumberSchema } from './finite-number';
import { DEFAULT_MILESTONE_GRACE, DEFAULT_STALL_MONTHS, milestoneGraceSchema, stallMonthsSchema } from './key-projects';
import { LADDERS, ladderRulesSchema, presetRules } from './ladder-rules';
import { panelsSchema } from './ratings';
import { SCENARIO_LIMITS } from './scenario-limits';
import { weeklyDispatchSchema } from './weekly-dispatch';

const number = finiteNumberSchema;

/**
 * A cycle's policy: scoring bounds, ranking, the consequence ladders and the time rules.
 * Every field is optional; parsing fills the defaults of docs/rules.md. `rules`, when given,
 * replaces the presets chosen by `ladders`; when absent it is filled from those presets,
 * so a parsed policy always carries the rules it runs.
 */
export const policySchema = z
  .object({
    fullScore: number('fullScore').positive({ message: 'fullScore must be above 0' }).default(100),
    scoreFloor: number('scoreFloor').default(0),
    scoreCap: number('scoreCap').default(100),
    yellowFrom: number('yellowFrom').default(80),
    bottomN: z
      .number()
      .int({ message: 'bottomN must be a whole number' })
      .nonnegative({ message: 'bottomN cannot be negative' })
      .max(SCENARIO_LIMITS.maxBottomN, { message: `bottomN is at most ${SCENARIO_LIMITS.maxBottomN}` })
      .default(1),
    ladders: z
      .array(z.enum(LADDERS))
      .refine((ladders) => new Set(ladders).size === ladders.length, { message: 'a ladder is listed twice' })
      .default(['rank']),
    planLadderDimensions: z
      .array(z.string().min(1))
      .min(1, { message: 'list at least one dimension' })
      .max(SCENARIO_LIMITS.planLadderDimensions, {
        message: `list at most ${SCENARIO_LIMITS.planLadderDimensions} dimensions`,
      })
      .default(['项目建设', '招商引资']),
    rules: ladderRulesSchema.optional(),
    pledgeDeadline: durationSchema.default('7d'),
    reminderOffsets: z
      .array(durationSchema)
      .max(SCENARIO_LIMITS.maxReminderOffsets, { message: `at most ${SCENARIO_LIMITS.maxReminderOffsets} reminders` })
      .default(['3d', '1d']),
    reportDueDay: z
      .number()
      .int({ message: 'reportDueDay must be a whole number' })
      .min(1, { message: 'reportDueDay is from 1 to 28' })
      .max(28, { message: 'reportDueDay is from 1 to 28' })
      .default(5),
    /** Overrides reportDueDay: the report is due this long after its month ends (test cycles: '2s'). */
    reportWindow: durationSchema.optional(),
    resubmitDeadline: durationSchema.default('2d'),
    reviewDeadline: durationSchema.default('3d'),
    /** The head confirms each monthly report (or sends it back) before it reaches the assessors. */
    headConfirmation: z.boolean({ error: 'headConfirmation must be true or false' }).default(true),
    appealWindow: durationSchema.default('2d'),
    approvalDeadline: durationSchema.default('3d'),
    calendar: calendarSchema.prefault({}),
    /** Panels of raters (巡察组, 群众代表): name -> member ids; indicators name them as `panel:NAME` raters. */
    panels: panelsSchema.optional(),
    /** A rating round (评议) closes this long after its month ends; raters who have not rated are reminded before. */
    ratingDeadline: durationSchema.default('5d'),
    /** Key projects (三挂): months without movement before a project is stalled. */
    stallMonths: stallMonthsSchema.default(DEFAULT_STALL_MONTHS),
    /** Key projects (三挂): the deadline of a slipped milestone's supervision item. */
    milestoneGrace: milestoneGraceSchema.default(DEFAULT_MILESTONE_GRACE),
    /** Key projects (三挂): the categories whose units send a weekly note per project (每周调度); none when absent. */
    weeklyDispatch: weeklyDispatchSchema.optional(),
  })
  .strict()
  .superRefine((policy, context) => {
    if (!(policy.scoreFloor < policy.scoreCap)) {
      context.addIssue({
        code: 'custom',
        path: ['scoreCap'],
        message: `scoreCap (${policy.scoreCap}) must be above scoreFloor (${policy.scoreFloor})`,
      });
    }
  })
  .transform(({ rules, ...policy }) => ({ ...policy, rules: rules ?? presetRules(policy.ladders) }));

/** A validated policy with every default filled and its ladder rules resolved. */
export type Policy = z.output<typeof policySchema>;
/** A policy as a scenario writes it: every field optional. */
export type PolicyInput = z.input<typeof policySchema>;

/** The default policy (docs/rules.md). */
export function defaultPolicy(): Policy {
  return policySchema.parse({});
}
