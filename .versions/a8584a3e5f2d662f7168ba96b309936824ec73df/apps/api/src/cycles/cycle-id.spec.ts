import { describe, expect, it } from 'vitest';
import { cycleIdFor } from './cycle-id';

describe('cycleIdFor', () => {
  it('slugs a Latin name', () => {
    expect(cycleIdFor(2026, 'Demo district 2026')).toBe('2026-demo-district-2026');
  });

  it('gives a stable digest to a name without Latin letters', () => {
    expect(cycleIdFor(2026, '示范区考核')).toMatch(/^2026-[0-9a-f]{10}$/);
    expect(cycleIdFor(2026, '示范区考核')).toBe(cycleIdFor(2026, '示范区考核'));
    expect(cycleIdFor(2026, '示范区考核')).not.toBe(cycleIdFor(2026, '另一区'));
  });
});
