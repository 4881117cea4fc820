import { describe, expect, it } from 'vitest';
import { latestExtensionEnd, ratingScaleOf } from './input-ranges';

describe('input ranges', () => {
  it('rates from 0 to twice the top of the scale', () => {
    expect(ratingScaleOf({ satisfactory: 95, disallowed: 70 })).toEqual({ min: 0, max: 200 });
    expect(ratingScaleOf({ satisfactory: 400, disallowed: 300 })).toEqual({ min: 0, max: 800 });
  });

  it('ends an extension no later than the review deadline plus the resubmission window', () => {
    expect(latestExtensionEnd({ reviewDueAt: '2026-02-08T00:00:00.000Z' }, 2 * 86_400_000)).toBe(
      '2026-02-10T00:00:00.000Z',
    );
  });
});
