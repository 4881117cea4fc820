import { z } from 'zod';
import { MAX_DURATION_MS, SCENARIO_LIMITS } from './scenario-limits';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** The unit of a duration string: milliseconds, seconds, minutes, hours or days. */
export type DurationUnit = keyof typeof UNIT_MS;

const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/** A duration written `<number><unit>`, e.g. `7d`, `36h`, `2s`. */
export const durationSchema = z
  .string()
  .regex(DURATION_PATTERN, { message: 'expected a duration like "7d", "12h", "30m", "2s" or "500ms"' })
  .refine((duration) => !DURATION_PATTERN.test(duration) || durationMs(duration) <= MAX_DURATION_MS, {
    message: `a duration is at most ${SCENARIO_LIMITS.maxDurationDays}d`,
  })
  .describe(`A duration like "7d", "12h", "30m", "2s" or "500ms", from 0ms to ${SCENARIO_LIMITS.maxDurationDays}d`);

export type Duration = z.infer<typeof durationSchema>;

/** The amount and unit of a duration string; throws on anything `durationSchema` refuses. */
export function parseDuration(duration: string): { amount: number; unit: DurationUnit } {
  const match = DURATION_PATTERN.exec(duration);
  if (!match) throw new RangeError(`Not a duration: "${duration}" (expected e.g. "7d", "12h", "2s")`);
  return { amount: Number(match[1]), unit: match[2] as DurationUnit };
}

/** The length of a duration string in milliseconds (`'2d'` -> 172800000). */
export function durationMs(duration: string): number {
  const { amount, unit } = parseDuration(duration);
  return Math.round(amount * UNIT_MS[unit]);
}
