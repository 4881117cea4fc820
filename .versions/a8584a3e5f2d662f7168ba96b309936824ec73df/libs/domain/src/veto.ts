import { z } from 'zod';
import { MONTHS_IN_CYCLE } from './assessment-period';
import { idSchema } from './identifier';

/** A breach of a veto item (一票否决) recorded by assessors. */
export const vetoEventSchema = z
  .object({
    unit: idSchema,
    month: z
      .number()
      .int({ message: 'a month is a whole number' })
      .min(1, { message: 'a month is from 1 to 12' })
      .max(MONTHS_IN_CYCLE, { message: 'a month is from 1 to 12' }),
    reason: z.string().min(1),
    evidence: z.string().optional(),
  })
  .strict();

export type VetoEvent = z.infer<typeof vetoEventSchema>;

/** A unit is vetoed from the month of its first veto event to the year's end. */
export function isVetoed(unit: string, month: number, vetoes: readonly Pick<VetoEvent, 'unit' | 'month'>[]): boolean {
  return vetoes.some((veto) => veto.unit === unit && veto.month <= month);
}

/** The first month a unit is vetoed, or undefined. */
export function vetoedSince(unit: string, vetoes: readonly Pick<VetoEvent, 'unit' | 'month'>[]): number | undefined {
  const months = vetoes.filter((veto) => veto.unit === unit).map((veto) => veto.month);
  return months.length > 0 ? Math.min(...months) : undefined;
}
