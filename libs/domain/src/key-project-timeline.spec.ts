import { describe, expect, it } from 'vitest';
import { cyclePeriods } from './calendar';
import { closedProgressMonths, milestoneCheckTimes } from './key-project-timeline';
import { defaultPolicy } from './policy';

const policy = defaultPolicy();
const periods = cyclePeriods(2026, policy.calendar);

describe('milestoneCheckTimes', () => {
  it("decides a slip at its due month's report deadline, whatever the day of the month it was due", () => {
    const checks = milestoneCheckTimes(
      [
        { kind: 'signed', due: '2026-04-01' },
        { kind: 'land', due: '2026-04-30' },
      ],
      2026,
      periods,
      policy,
    );
    // April's report is due by the end of 5 May (five days after the month, a working day) in Asia/Shanghai.
    expect(checks).toEqual([
      { milestone: 'signed', due: '2026-04-01', month: 4, checkAt: '2026-05-05T16:00:00.000Z' },
      { milestone: 'land', due: '2026-04-30', month: 4, checkAt: '2026-05-05T16:00:00.000Z' },
    ]);
  });

  it('watches a date before the year as month 1 and none after it', () => {
    const checks = milestoneCheckTimes(
      [
        { kind: 'signed', due: '2025-12-20' },
        { kind: 'completed', due: '2027-03-31' },
      ],
      2026,
      periods,
      policy,
    );
    expect(checks.map(({ milestone, month }) => [milestone, month])).toEqual([['signed', 1]]);
  });
});

describe('closedProgressMonths', () => {
  it('counts the months whose report deadline has passed', () => {
    expect(closedProgressMonths(periods, policy, Date.parse('2026-01-15T00:00:00Z'))).toBe(0);
    expect(closedProgressMonths(periods, policy, Date.parse('2026-05-05T16:00:00.000Z'))).toBe(4);
    expect(closedProgressMonths(periods, policy, Date.parse('2027-02-01T00:00:00Z'))).toBe(12);
  });
});
