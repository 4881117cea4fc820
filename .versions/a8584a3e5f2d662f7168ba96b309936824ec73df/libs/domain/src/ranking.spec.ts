import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankCategory, type RankingEntry } from './ranking';

const entry = (unit: string, score: number, vetoed = false): RankingEntry => ({ unit, score, vetoed });
const standingOf = (entries: RankingEntry[], bottomN = 1) =>
  Object.fromEntries(
    rankCategory(entries, bottomN).map((standing) => [
      standing.unit,
      { rank: standing.rank, lagging: standing.lagging },
    ]),
  );

describe('ranking a category', () => {
  it('uses standard competition ranking: 1, 2, 2, 4', () => {
    const ranks = rankCategory([entry('a', 90), entry('b', 80), entry('c', 80), entry('d', 70)], 1).map(
      (standing) => standing.rank,
    );
    expect(ranks).toEqual([1, 2, 2, 4]);
  });

  it('ranks vetoed units last whatever their score, and they lag', () => {
    expect(standingOf([entry('a', 100, true), entry('b', 60), entry('c', 90)])).toEqual({
      a: { rank: 3, lagging: true },
      b: { rank: 2, lagging: false },
      c: { rank: 1, lagging: false },
    });
  });

  it('ranks vetoed units among themselves by score', () => {
    expect(standingOf([entry('a', 50, true), entry('b', 60, true), entry('c', 10)], 1)).toMatchObject({
      c: { rank: 1 },
      b: { rank: 2 },
      a: { rank: 3 },
    });
  });

  it('makes every unit tied for last lag', () => {
    expect(standingOf([entry('a', 90), entry('b', 70), entry('c', 70)])).toMatchObject({
      a: { lagging: false },
      b: { lagging: true },
      c: { lagging: true },
    });
  });

  it('never lags a unit alone in its category on rank', () => {
    expect(standingOf([entry('a', 0)])).toEqual({ a: { rank: 1, lagging: false } });
  });

  it('lags the bottom two with bottomN 2', () => {
    expect(standingOf([entry('a', 90), entry('b', 80), entry('c', 70), entry('d', 60)], 2)).toMatchObject({
      b: { lagging: false },
      c: { lagging: true },
      d: { lagging: true },
    });
  });

  it('ranks on unrounded scores', () => {
    expect(standingOf([entry('a', 80.004), entry('b', 80.001)])).toMatchObject({ a: { rank: 1 }, b: { rank: 2 } });
  });
});

/** Categories of 1..12 units with scores from a small set (so ties happen) and some vetoes. */
const category = fc
  .array(fc.record({ score: fc.constantFrom(0, 55.5, 60, 72.25, 80, 93, 100), vetoed: fc.boolean() }), {
    minLength: 1,
    maxLength: 12,
  })
  .map((rows) => rows.map((row, index) => entry(`u${index}`, row.score, row.vetoed)));
const bottomN = fc.integer({ min: 0, max: 4 });

describe('ranking properties', () => {
  it('does not depend on the order of the input', () => {
    fc.assert(
      fc.property(category, bottomN, fc.nat(), (entries, n, seed) => {
        const shuffled = [...entries].sort(
          (a, b) =>
            ((a.unit.charCodeAt(1) * 7919 + seed) % 13) - ((b.unit.charCodeAt(1) * 7919 + seed) % 13) ||
            a.unit.localeCompare(b.unit),
        );
        expect(standingOf(shuffled, n)).toEqual(standingOf(entries, n));
        expect(standingOf([...entries].reverse(), n)).toEqual(standingOf(entries, n));
      }),
    );
  });

  it('gives equal scores (with equal veto status) the same rank, and rank = 1 + units strictly ahead', () => {
    fc.assert(
      fc.property(category, bottomN, (entries, n) => {
        const standings = rankCategory(entries, n);
        for (const standing of standings) {
          const ahead = entries.filter(
            (other) =>
              (!other.vetoed && standing.vetoed) || (other.vetoed === standing.vetoed && other.score > standing.score),
          ).length;
          expect(standing.rank).toBe(ahead + 1);
        }
        for (const a of standings)
          for (const b of standings) if (a.score === b.score && a.vetoed === b.vetoed) expect(a.rank).toBe(b.rank);
      }),
    );
  });

  it('lags bottomN units (at least the vetoed ones), more only through ties or vetoes', () => {
    fc.assert(
      fc.property(category, bottomN, (entries, n) => {
        const standings = rankCategory(entries, n);
        const lagging = standings.filter((standing) => standing.lagging);
        const vetoed = entries.filter((candidate) => candidate.vetoed).length;
        expect(standings.filter((standing) => standing.vetoed).every((standing) => standing.lagging)).toBe(true);
        if (entries.length <= n) {
          expect(lagging.length).toBe(vetoed);
          return;
        }
        expect(lagging.length).toBeGreaterThanOrEqual(Math.max(n, vetoed));
        const clean = standings.filter((standing) => !standing.vetoed);
        const distinctScores = new Set(clean.map((standing) => standing.score)).size === clean.length;
        if (distinctScores) expect(lagging.length).toBe(Math.max(n, vetoed));
        for (const low of lagging)
          for (const high of clean.filter((standing) => !standing.lagging))
            expect(low.vetoed || low.score < high.score).toBe(true);
      }),
    );
  });
});
