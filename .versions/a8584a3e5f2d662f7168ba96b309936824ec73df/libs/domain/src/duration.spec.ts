import { describe, expect, it } from 'vitest';
import { durationMs, durationSchema } from './duration';

describe('durations', () => {
  it.each([
    ['500ms', 500],
    ['2s', 2_000],
    ['30m', 1_800_000],
    ['12h', 43_200_000],
    ['7d', 604_800_000],
    ['1.5h', 5_400_000],
  ])('reads %s as %d ms', (duration, ms) => {
    expect(durationMs(duration)).toBe(ms);
  });

  it.each(['7', 'd', '7 days', '-1d', '7w', ''])('refuses %j', (duration) => {
    expect(durationSchema.safeParse(duration).success).toBe(false);
    expect(() => durationMs(duration)).toThrow(RangeError);
  });
});
