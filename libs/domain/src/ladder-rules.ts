import { z } from 'zod';
import { MONTHS_IN_CYCLE, assessmentPeriodSchema } from './assessment-period';
import { durationSchema } from './duration';
import { roleSchema } from './roles';

/** The rungs of the 揭榜挂帅 rank ladder, mildest first. */
export const RANK_RUNGS = ['warning_speech', 'interview', 'quarterly_discipline', 'year_end_adjustment'] as const;
/** The rungs of the plan-miss ladder (三挂), mildest first. */
export const PLAN_RUNGS = [
  'written_explanation',
  'meeting_explanation',
  'admonishment_talk',
  'bonus_withheld',
] as const;
/**
 * Every consequence a rule can fire. A district configures when each fires, who approves and by
 * when; the consequences themselves are fixed because each has its own procedure in the workflows.
 */
export const RUNGS = [...RANK_RUNGS, ...PLAN_RUNGS] as const;
export type Rung = (typeof RUNGS)[number];

/** The preset ladders a policy can choose with `ladders`. */
export const LADDERS = ['rank', 'plan'] as const;
export type Ladder = (typeof LADDERS)[number];

/**
 * What a rule watches: `lagging` (rank-based), `plan_miss` (plan-based), or
 * `annual_task_incomplete` (the annual task, decided at month 12).
 */
export const TRIGGER_BASES = ['lagging', 'plan_miss', 'annual_task_incomplete'] as const;
export type TriggerBasis = (typeof TRIGGER_BASES)[number];

const rungSchema = z.enum(RUNGS, { error: `expected one of the rungs ${RUNGS.join(', ')}` });

const triggerSchema = z
  .object({
    basis: z.enum(TRIGGER_BASES),
    /** The rule is checked at the last month of each such period (every month, 3/6/9/12, 6/12, 12). */
    period: assessmentPeriodSchema.default('month'),
    /** Consecutive months, ending at the checked month, the condition must hold. */
    streak: z.number().int().min(1).max(MONTHS_IN_CYCLE).default(1),
    /** For `plan_miss`: the dimensions watched; default the policy's `planLadderDimensions`. */
    dimensions: z.array(z.string().min(1)).min(1).optional(),
    /** A case of this rung, fired for the unit within the same period and not rejected, is needed first. */
    requires: z.object({ rung: rungSchema, within: assessmentPeriodSchema }).strict().optional(),
  })
  .strict();

/** One rung of a consequence ladder in its general form: a trigger, the consequence, who approves it and by when. */
export const ladderRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_.-]*$/, { message: 'expected a rule id like "rank.interview"' }),
    rung: rungSchema,
    consequence: z.string().min(1),
    trigger: triggerSchema,
    /** Milder rungs this one replaces when both apply in the same month ("only the gravest fires"). */
    supersedes: z.array(rungSchema).default([]),
    /** Roles that must all approve; none means the case needs no approval. */
    approvers: z.array(roleSchema).default([]),
    /** A role that nominates someone before the approvers decide (the unit names a cadre for year-end adjustment). */
    nominatedBy: roleSchema.optional(),
    /** Time the approvers have; default the policy's `approvalDeadline`. */
    approvalDeadline: durationSchema.optional(),
    /** Time to carry the consequence out once approved. */
    dueWithin: durationSchema.optional(),
  })
  .strict();

/** A validated ladder rule, defaults filled. */
export type LadderRule = z.output<typeof ladderRuleSchema>;
/** A ladder rule as a policy writes it. */
export type LadderRuleInput = z.input<typeof ladderRuleSchema>;

/** The rules of a policy, checked as a whole: unique ids, and references only to rungs that can have fired. */
export const ladderRulesSchema = z.array(ladderRuleSchema).superRefine((rules, context) => {
  const issue = (path: (string | number)[], message: string) => context.addIssue({ code: 'custom', path, message });
  const rungs = new Set(rules.map((rule) => rule.rung));
  rules.forEach((rule, index) => {
    const firstWithId = rules.findIndex((other) => other.id === rule.id);
    if (firstWithId !== index) issue([index, 'id'], `duplicate rule id "${rule.id}" (first at rules[${firstWithId}])`);
    const { basis, period, streak, dimensions, requires } = rule.trigger;
    if (basis === 'annual_task_incomplete' && period !== 'year')
      issue([index, 'trigger', 'period'], 'the annual task is decided at month 12: use period "year"');
    if (basis === 'annual_task_incomplete' && streak !== 1)
      issue([index, 'trigger', 'streak'], 'the annual task is decided once: a streak does not apply');
    if (dimensions && basis !== 'plan_miss')
      issue([index, 'trigger', 'dimensions'], 'dimensions apply only to plan_miss triggers');
    if (requires && !rules.slice(0, index).some((earlier) => earlier.rung === requires.rung)) {
      issue(
        [index, 'trigger', 'requires', 'rung'],
        `no earlier rule fires rung "${requires.rung}"; a required rung must come from a rule listed before this one`,
      );
    }
    rule.supersedes.forEach((rung, position) => {
      if (rung === rule.rung) issue([index, 'supersedes', position], 'a rung cannot supersede itself');
      else if (!rungs.has(rung)) issue([index, 'supersedes', position], `no rule fires rung "${rung}"`);
    });
    rule.approvers.forEach((role, position) => {
      if (rule.approvers.indexOf(role) !== position) issue([index, 'approvers', position], `${role} is listed twice`);
    });
  });
});

/** The 揭榜挂帅 rank ladder (docs/rules.md). */
export const RANK_LADDER: readonly LadderRule[] = [
  {
    id: 'rank.warning_speech',
    rung: 'warning_speech',
    consequence: 'The head makes a statement speech (表态发言) at the monthly progress meeting (揭榜挂帅推进会)',
    trigger: { basis: 'lagging', period: 'month', streak: 1 },
    supersedes: [],
    approvers: [],
  },
  {
    id: 'rank.interview',
    rung: 'interview',
    consequence: 'The discipline commission and the organisation department interview the head (约谈)',
    trigger: { basis: 'lagging', period: 'month', streak: 2 },
    supersedes: [],
    approvers: ['ORG_DEPT', 'DISCIPLINE'],
  },
  {
    // "An interview of that quarter was not rejected" is read as: an interview of that quarter
    // exists and stands. The example district confirms it: u05 lags at month 6 with no interview
    // in the second quarter and gets no quarterly discipline.
    id: 'rank.quarterly_discipline',
    rung: 'quarterly_discipline',
    consequence: 'The head is disciplined (处分) and the deputy in charge is adjusted (调整分管负责同志)',
    trigger: { basis: 'lagging', period: 'quarter', streak: 1, requires: { rung: 'interview', within: 'quarter' } },
    supersedes: [],
    approvers: ['ORG_DEPT', 'DISCIPLINE'],
  },
  {
    id: 'rank.year_end_adjustment',
    rung: 'year_end_adjustment',
    consequence:
      'The head is adjusted before the year-end personnel round, with one section-level cadre (科级干部) the unit nominates (年终调整)',
    trigger: { basis: 'annual_task_incomplete', period: 'year', streak: 1 },
    supersedes: [],
    nominatedBy: 'UNIT_HEAD',
    approvers: ['ORG_DEPT', 'LEADERSHIP'],
  },
];

/**
 * The plan-miss ladder (三挂) of docs/rules.md. Every rung watches the plan at the month it is
 * checked, the cumulative position at the period's last month (the example district fires a
 * meeting explanation for u03 at month 3 though it was on plan in month 2); a month closing
 * several periods fires only the gravest (`supersedes`).
 * The rulebook names no approvers for this ladder: explanations are recorded by assessors,
 * the admonishment talk is the organisation department's measure, the bonus is LEADERSHIP's.
 */
export const PLAN_LADDER: readonly LadderRule[] = [
  {
    id: 'plan.written_explanation',
    rung: 'written_explanation',
    consequence: 'The unit submits a written explanation (情况说明) of the plan miss',
    trigger: { basis: 'plan_miss', period: 'month', streak: 1 },
    supersedes: [],
    approvers: [],
  },
  {
    id: 'plan.meeting_explanation',
    rung: 'meeting_explanation',
    consequence: 'The head explains the plan miss at the executive meeting (常务会议说明)',
    trigger: { basis: 'plan_miss', period: 'quarter', streak: 1 },
    supersedes: ['written_explanation'],
    approvers: [],
  },
  {
    id: 'plan.admonishment_talk',
    rung: 'admonishment_talk',
    consequence: 'The head receives an admonishment talk (诫勉谈话)',
    trigger: { basis: 'plan_miss', period: 'half_year', streak: 1 },
    supersedes: ['written_explanation', 'meeting_explanation'],
    approvers: ['ORG_DEPT'],
  },
  {
    id: 'plan.bonus_withheld',
    rung: 'bonus_withheld',
    consequence: 'The unit’s assessment bonus is withheld (不发考核奖)',
    trigger: { basis: 'plan_miss', period: 'year', streak: 1 },
    supersedes: ['written_explanation', 'meeting_explanation', 'admonishment_talk'],
    approvers: ['LEADERSHIP'],
  },
];

const PRESETS: Record<Ladder, readonly LadderRule[]> = { rank: RANK_LADDER, plan: PLAN_LADDER };

/** The preset rules of the chosen ladders, rank ladder first whatever the order chosen. */
export function presetRules(ladders: readonly Ladder[]): LadderRule[] {
  return LADDERS.filter((ladder) => ladders.includes(ladder)).flatMap((ladder) => PRESETS[ladder].map(cloneRule));
}

function cloneRule(rule: LadderRule): LadderRule {
  return JSON.parse(JSON.stringify(rule)) as LadderRule;
}
