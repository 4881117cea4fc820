import { z } from 'zod';
import { MONTHS_IN_CYCLE } from './assessment-period';
import { finiteNumberSchema } from './finite-number';
import { idSchema, nameSchema } from './identifier';
import { ratedMonthsSchema, ratersSchema, ratingFieldProblems } from './ratings';

/** Which way is better. */
export const DIRECTIONS = ['increase', 'decrease'] as const;
/** `increase`: more is better; `decrease`: less is better. */
export type Direction = (typeof DIRECTIONS)[number];

/** How an actual builds up. */
export const MEASURES = ['cumulative', 'rate'] as const;
/** `cumulative`: an amount building up over the year; `rate`: a level judged as it stands. */
export type Measure = (typeof MEASURES)[number];

const finite = finiteNumberSchema;

/** The planned share of the annual target reached by the end of each month (倒排计划). */
export const planSchema = z
  .array(
    finite('a plan share')
      .gt(0, { message: 'a plan share must be above 0' })
      .lte(1, { message: 'a plan share must be at most 1' }),
  )
  .length(MONTHS_IN_CYCLE, { message: `a plan has exactly ${MONTHS_IN_CYCLE} monthly shares` })
  .superRefine((plan, context) => {
    plan.forEach((share, index) => {
      if (index > 0 && share < plan[index - 1])
        context.addIssue({
          code: 'custom',
          path: [index],
          message: `a plan never decreases: ${share} after ${plan[index - 1]}`,
        });
    });
    const last = plan[plan.length - 1];
    if (plan.length === MONTHS_IN_CYCLE && last !== 1)
      context.addIssue({
        code: 'custom',
        path: [plan.length - 1],
        message: `the plan must reach 1 at month 12, not ${last}`,
      });
  });

/** One row of a unit's target list (榜单条目). */
export const indicatorSchema = z
  .object({
    id: idSchema,
    unit: idSchema,
    name: nameSchema,
    dimension: nameSchema,
    direction: z.enum(DIRECTIONS),
    measure: z.enum(MEASURES),
    weight: finite('a weight').nonnegative({ message: 'a weight cannot be negative' }),
    /** 满意值: the annual target. */
    satisfactory: finite('the satisfactory value'),
    /** 不允许值: the plainly unacceptable level. */
    disallowed: finite('the disallowed value'),
    plan: planSchema.optional(),
    /** 零基考核 or 连续考核; informative, the rules treat both alike. */
    basis: z.enum(['zero', 'continuous']).optional(),
    /** Units that cooperate (配合) with the lead unit `unit` (牵头). */
    cooperating: z.array(idSchema).optional(),
    /** Manual ratings only: the groups that rate it and their weights (ratings by many); without them an assessor rates. */
    raters: ratersSchema.optional(),
    /** Manual ratings only: a value below this is deemed failed (视为不合格) and scores the floor. */
    failBelow: finite('failBelow').optional(),
    /** Months whose value comes from the raters (default [12]); an assessor rates the others. */
    ratedMonths: ratedMonthsSchema.optional(),
  })
  .strict()
  .superRefine((indicator, context) => {
    if (!satisfactoryOnGoodSide(indicator)) {
      const side = indicator.direction === 'increase' ? 'above' : 'below';
      context.addIssue({
        code: 'custom',
        path: ['satisfactory'],
        message: `for ${indicator.direction === 'increase' ? 'an increase' : 'a decrease'} indicator the satisfactory value must be ${side} the disallowed value (satisfactory ${indicator.satisfactory}, disallowed ${indicator.disallowed})`,
      });
    }
    for (const { field, message } of ratingFieldProblems(indicator))
      context.addIssue({ code: 'custom', path: [field], message });
  });

/** A validated indicator. */
export type Indicator = z.infer<typeof indicatorSchema>;

/** H must lie on the good side of S: above it for increase, below it for decrease. */
export function satisfactoryOnGoodSide(
  indicator: Pick<Indicator, 'direction' | 'satisfactory' | 'disallowed'>,
): boolean {
  return indicator.direction === 'increase'
    ? indicator.satisfactory > indicator.disallowed
    : indicator.satisfactory < indicator.disallowed;
}
