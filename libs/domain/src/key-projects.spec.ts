import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MILESTONE_KINDS,
  investmentsDiffer,
  keyProjectOutcomes,
  milestoneSlips,
  monthsWithMovement,
  projectInvestmentByMonth,
  stalledMonths,
  type MilestoneKind,
  type ProjectProgress,
} from './key-projects';
import { defaultPolicy, policySchema } from './policy';

type Month = { investment: number; milestones?: MilestoneKind[] };

/** Progress written as `{ 3: { investment: 800, milestones: ['signed'] } }`. */
const progressOf = (months: Record<number, Month>): ProjectProgress =>
  Object.fromEntries(
    Object.entries(months).map(([month, { investment, milestones = [] }]) => [month, { investment, milestones }]),
  );

const park = {
  milestones: [
    { kind: 'signed', due: '2026-02-28' },
    { kind: 'land', due: '2026-04-30' },
    { kind: 'started', due: '2026-06-30' },
    { kind: 'completed', due: '2027-06-30' },
  ] as { kind: MilestoneKind; due: string }[],
};

describe('milestoneSlips', () => {
  it.each([
    {
      case: 'every milestone reached in its due month or earlier',
      progress: {
        2: { investment: 0, milestones: ['signed'] },
        4: { investment: 10, milestones: ['land', 'started'] },
      },
      slipped: [],
    },
    {
      case: 'a milestone reached a month late slips in its due month',
      progress: { 2: { investment: 0, milestones: ['signed'] }, 5: { investment: 10, milestones: ['land'] } },
      slipped: [
        { milestone: 'land', month: 4 },
        { milestone: 'started', month: 6 },
      ],
    },
    {
      case: 'nothing reported: each milestone due in the year slips, the one due next year does not',
      progress: {},
      slipped: [
        { milestone: 'signed', month: 2 },
        { milestone: 'land', month: 4 },
        { milestone: 'started', month: 6 },
      ],
    },
    {
      case: 'a milestone reached in the very month it is due does not slip',
      progress: { 2: { investment: 0, milestones: ['signed'] }, 4: { investment: 0, milestones: ['land'] } },
      slipped: [{ milestone: 'started', month: 6 }],
    },
  ] as { case: string; progress: Record<number, Month>; slipped: unknown[] }[])('$case', ({ progress, slipped }) => {
    expect(milestoneSlips(park, progressOf(progress), 2026)).toEqual(slipped);
  });

  it('slips a completion due inside the year like any other milestone', () => {
    const project = { milestones: [{ kind: 'completed' as const, due: '2026-12-31' }] };
    expect(milestoneSlips(project, {}, 2026)).toEqual([{ milestone: 'completed', month: 12 }]);
  });
});

describe('stalledMonths', () => {
  it.each([
    {
      case: 'no progress at all: stalled from month 2 on',
      progress: {},
      stallMonths: 2,
      stalled: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    },
    {
      case: 'investment rising every month: never stalled',
      progress: Object.fromEntries(
        Array.from({ length: 12 }, (_, index) => [index + 1, { investment: 100 * (index + 1) }]),
      ),
      stallMonths: 2,
      stalled: [],
    },
    {
      case: 'the same investment repeated counts as no new investment',
      progress: { 1: { investment: 500 }, 2: { investment: 500 }, 3: { investment: 500 }, 4: { investment: 900 } },
      stallMonths: 2,
      // Months 5..12 are absent: no movement.
      stalled: [3, 6, 7, 8, 9, 10, 11, 12],
    },
    {
      case: 'a milestone without new investment is movement',
      progress: { 1: { investment: 500 }, 2: { investment: 500, milestones: ['signed'] }, 3: { investment: 500 } },
      stallMonths: 2,
      stalled: [4, 5, 6, 7, 8, 9, 10, 11, 12],
    },
    {
      case: 'month 1 moves when it reports any investment (the year to date starts at 0)',
      progress: { 1: { investment: 1 }, 2: { investment: 1 } },
      stallMonths: 3,
      stalled: [4, 5, 6, 7, 8, 9, 10, 11, 12],
    },
    {
      case: 'month 1 reporting 0 is no movement',
      progress: { 1: { investment: 0 }, 2: { investment: 0 }, 3: { investment: 50 } },
      stallMonths: 2,
      stalled: [2, 5, 6, 7, 8, 9, 10, 11, 12],
    },
    {
      case: 'a longer stall threshold: three still months in a row',
      progress: { 1: { investment: 10 }, 4: { investment: 20 }, 5: { investment: 30 }, 9: { investment: 40 } },
      stallMonths: 3,
      stalled: [8, 12],
    },
  ] as { case: string; progress: Record<number, Month>; stallMonths: number; stalled: number[] }[])(
    '$case',
    ({ progress, stallMonths, stalled }) => {
      expect(stalledMonths(progressOf(progress), stallMonths)).toEqual(stalled);
    },
  );
});

describe('keyProjectOutcomes', () => {
  it('judges every project listed, in order, with no progress for one never reported', () => {
    const outcomes = keyProjectOutcomes({
      year: 2026,
      stallMonths: 12,
      projects: [
        { id: 'p-a', milestones: [{ kind: 'signed', due: '2026-03-15' }] },
        { id: 'p-b', milestones: [] },
      ],
      progress: { 'p-a': progressOf({ 3: { investment: 5, milestones: ['signed'] } }) },
    });
    expect(outcomes).toEqual([
      { project: 'p-a', slipped: [], stalled: [] },
      { project: 'p-b', slipped: [], stalled: [12] },
    ]);
  });
});

describe('projectInvestmentByMonth (项目投资合计)', () => {
  it("sums the month's figures of the projects that reported it, and flags a reported value that differs", () => {
    const park: ProjectProgress = {
      '1': { investment: 500, milestones: [] },
      '2': { investment: 800, milestones: [] },
    };
    const port: ProjectProgress = { '2': { investment: 0.1, milestones: [] } };
    const reported: Record<number, number> = { 1: 500, 2: 900, 3: 900 };
    const months = projectInvestmentByMonth([park, port], (month) => reported[month] ?? null);
    expect(months.slice(0, 4)).toEqual([
      { month: 1, investment: 500, reportedProjects: 1, reportedValue: 500, mismatch: false },
      { month: 2, investment: 800.1, reportedProjects: 2, reportedValue: 900, mismatch: true },
      // No project reported month 3: no sum, so nothing to differ from.
      { month: 3, investment: null, reportedProjects: 0, reportedValue: 900, mismatch: false },
      { month: 4, investment: null, reportedProjects: 0, reportedValue: null, mismatch: false },
    ]);
    expect(months).toHaveLength(12);
  });

  it('tells a real difference from the rounding of adding figures', () => {
    expect(investmentsDiffer(0.1 + 0.2, 0.3)).toBe(false);
    expect(investmentsDiffer(1200, 1200.01)).toBe(true);
    expect(investmentsDiffer(0, 0.001)).toBe(true);
    expect(investmentsDiffer(null, 5)).toBe(false);
    expect(investmentsDiffer(5, null)).toBe(false);
  });
});

describe('the policy of key projects', () => {
  it('defaults to stalled after 2 months and 15 days to clear a slip', () => {
    expect(defaultPolicy()).toMatchObject({ stallMonths: 2, milestoneGrace: '15d' });
  });

  it('refuses a stall threshold outside 1..12 or a grace that is not a duration', () => {
    expect(policySchema.safeParse({ stallMonths: 13 }).error?.issues[0]).toMatchObject({
      path: ['stallMonths'],
      message: 'stallMonths is from 1 to 12',
    });
    expect(policySchema.safeParse({ milestoneGrace: 'two weeks' }).error?.issues[0]).toMatchObject({
      path: ['milestoneGrace'],
    });
  });
});

// ---- properties

const monthArbitrary: fc.Arbitrary<Month | null> = fc.option(
  fc.record({
    investment: fc.integer({ min: 0, max: 50 }),
    milestones: fc.subarray([...MILESTONE_KINDS], { maxLength: 2 }),
  }),
);

/** A year of progress with non-decreasing investment, each milestone reported at most once. */
const progressArbitrary = fc.array(monthArbitrary, { minLength: 12, maxLength: 12 }).map((months) => {
  const progress: Record<string, { investment: number; milestones: MilestoneKind[] }> = {};
  const seen = new Set<MilestoneKind>();
  let toDate = 0;
  months.forEach((month, index) => {
    if (!month) return;
    toDate += month.investment;
    const milestones = (month.milestones ?? []).filter((kind) => !seen.has(kind));
    milestones.forEach((kind) => seen.add(kind));
    progress[String(index + 1)] = { investment: toDate, milestones };
  });
  return progress as ProjectProgress;
});

const planArbitrary = fc.subarray([...MILESTONE_KINDS]).chain((kinds) =>
  fc
    .array(fc.integer({ min: 1, max: 12 }), { minLength: kinds.length, maxLength: kinds.length })
    .map((months) => months.sort((a, b) => a - b))
    .map((months) => kinds.map((kind, index) => ({ kind, due: `2026-${String(months[index]).padStart(2, '0')}-15` }))),
);

describe('properties of the key-project rules', () => {
  it('never marks a month stalled that shows movement, and marks it while the stillness goes on', () => {
    fc.assert(
      fc.property(progressArbitrary, fc.integer({ min: 1, max: 12 }), (progress, stallMonths) => {
        const moved = monthsWithMovement(progress);
        const stalled = new Set(stalledMonths(progress, stallMonths));
        for (let month = 1; month <= 12; month += 1) {
          if (moved[month - 1]) expect(stalled.has(month)).toBe(false);
          if (stalled.has(month) && month < 12 && !moved[month]) expect(stalled.has(month + 1)).toBe(true);
          if (month < stallMonths) expect(stalled.has(month)).toBe(false);
        }
      }),
    );
  });

  it('stalls in fewer months as the threshold grows', () => {
    fc.assert(
      fc.property(progressArbitrary, fc.integer({ min: 1, max: 11 }), (progress, stallMonths) => {
        const longer = stalledMonths(progress, stallMonths + 1);
        const shorter = new Set(stalledMonths(progress, stallMonths));
        expect(longer.every((month) => shorter.has(month))).toBe(true);
      }),
    );
  });

  it('treats an absent month like a month that repeats the last investment and reaches nothing', () => {
    fc.assert(
      fc.property(progressArbitrary, fc.integer({ min: 1, max: 12 }), (progress, month) => {
        if (progress[String(month)]) return;
        const before = Object.entries(progress)
          .filter(([reported]) => Number(reported) < month)
          .map(([, reported]) => reported.investment);
        const repeated = { ...progress, [String(month)]: { investment: Math.max(0, ...before), milestones: [] } };
        expect(stalledMonths(repeated, 2)).toEqual(stalledMonths(progress, 2));
      }),
    );
  });

  it('slips exactly the milestones due in the year and not reached by the end of their due month', () => {
    fc.assert(
      fc.property(planArbitrary, progressArbitrary, (milestones, progress) => {
        const slips = milestoneSlips({ milestones }, progress, 2026);
        for (const { kind, due } of milestones) {
          const dueMonth = Number(due.slice(5, 7));
          const reachedBy = Object.entries(progress).some(
            ([month, reported]) => Number(month) <= dueMonth && reported.milestones.includes(kind),
          );
          expect(slips.filter((slip) => slip.milestone === kind)).toEqual(
            reachedBy ? [] : [{ milestone: kind, month: dueMonth }],
          );
        }
      }),
    );
  });

  it('never adds a slip when a milestone is reported earlier', () => {
    fc.assert(
      fc.property(planArbitrary, progressArbitrary, fc.integer({ min: 1, max: 12 }), (milestones, progress, early) => {
        const [first] = milestones;
        if (!first) return;
        const without = Object.fromEntries(
          Object.entries(progress).map(([month, reported]) => [
            month,
            { ...reported, milestones: reported.milestones.filter((kind) => kind !== first.kind) },
          ]),
        );
        const earlier = {
          ...without,
          [String(early)]: {
            investment: without[String(early)]?.investment ?? 0,
            milestones: [...(without[String(early)]?.milestones ?? []), first.kind],
          },
        };
        const slipsWithout = milestoneSlips({ milestones }, without, 2026).length;
        expect(milestoneSlips({ milestones }, earlier, 2026).length).toBeLessThanOrEqual(slipsWithout);
      }),
    );
  });
});
