import { describe, expect, it } from 'vitest';
import {
  closeMonth,
  initialCycleState,
  monthReportsOf,
  simulate,
  type CycleState,
  type MonthInput,
} from '@jiebang/domain';
import { caseKeys, cycleOf, investmentCycleOf, yearOf } from './support/cycle';

/** `laggard` reports 10 in the listed months and 100 otherwise; everyone else reports 50 (and lags, tied, when the laggard does not). */
const lagsIn = (laggard: string, months: number[]) => (unit: string, month: number) =>
  unit === laggard ? (months.includes(month) ? 10 : 100) : 50;
const rungsOf = (keys: string[], unit: string) => keys.filter((key) => key.split('/')[1] === unit);

describe('the rank ladder (揭榜挂帅)', () => {
  const rules = cycleOf(['a', 'b', 'c']);

  it('asks for a warning speech every month a unit lags', () => {
    const keys = rungsOf(caseKeys(simulate(yearOf(rules, lagsIn('a', [4, 8]))).cases), 'a');
    expect(keys).toEqual(['4/a/warning_speech', '8/a/warning_speech']);
  });

  it('interviews a unit lagging two months in a row, and every further month of the streak', () => {
    const keys = rungsOf(caseKeys(simulate(yearOf(rules, lagsIn('a', [4, 5, 7]))).cases), 'a');
    expect(keys).toEqual(['4/a/warning_speech', '5/a/warning_speech', '5/a/interview', '7/a/warning_speech']);
  });

  it('disciplines at a quarter end only after an interview in that quarter', () => {
    expect(caseKeys(simulate(yearOf(rules, lagsIn('a', [2, 3]))).cases)).toContain('3/a/quarterly_discipline');
    // Lagging at month 6 alone: no interview in the second quarter, so no discipline.
    expect(rungsOf(caseKeys(simulate(yearOf(rules, lagsIn('a', [6]))).cases), 'a')).toEqual(['6/a/warning_speech']);
    // An interview in the first quarter does not carry into the second.
    expect(caseKeys(simulate(yearOf(rules, lagsIn('a', [2, 3, 6]))).cases)).not.toContain('6/a/quarterly_discipline');
  });

  it('does not discipline when the interviews of that quarter were rejected', () => {
    // Lagging in months 1-3: interviews in months 2 and 3.
    const year = yearOf(rules, lagsIn('a', [1, 2, 3]));
    const closeThrough = (rejected: MonthInput['rejectedCases']) => {
      let state: CycleState = initialCycleState(rules);
      const fired: string[] = [];
      for (let month = 1; month <= 3; month += 1) {
        const closed = closeMonth(state, {
          month,
          reports: monthReportsOf(year.reports, month),
          vetoes: [],
          rejectedCases: rejected,
        });
        fired.push(...caseKeys(closed.cases));
        state = closed.state;
      }
      return rungsOf(fired, 'a');
    };
    expect(closeThrough([])).toContain('3/a/quarterly_discipline');
    expect(closeThrough([{ unit: 'a', rung: 'interview', month: 2 }])).toContain('3/a/quarterly_discipline');
    const bothRejected = closeThrough([
      { unit: 'a', rung: 'interview', month: 2 },
      { unit: 'a', rung: 'interview', month: 3 },
    ]);
    expect(bothRejected).toEqual([
      '1/a/warning_speech',
      '2/a/warning_speech',
      '2/a/interview',
      '3/a/warning_speech',
      '3/a/interview',
    ]);
  });

  it('adjusts the head at year end when the annual task is not completed', () => {
    const keys = caseKeys(simulate(yearOf(rules, (unit) => (unit === 'c' ? 100 : 99))).cases);
    expect(keys.filter((key) => key.endsWith('year_end_adjustment'))).toEqual([
      '12/a/year_end_adjustment',
      '12/b/year_end_adjustment',
    ]);
  });

  it('makes a vetoed unit lag and rank last from the veto month to the year end', () => {
    const scores: Record<string, number> = { a: 80, b: 100, c: 90 };
    const result = simulate(
      yearOf(rules, (unit) => scores[unit], [{ unit: 'b', month: 10, reason: '重大安全生产事故' }]),
    );
    const b = (month: number) => result.months[month - 1].units.find((unit) => unit.unit === 'b');
    expect(b(9)).toMatchObject({ rank: 1, vetoed: false, lagging: false, score: 100 });
    expect(result.months[9].units.map(({ unit, rank, lagging }) => ({ unit, rank, lagging }))).toEqual([
      { unit: 'a', rank: 2, lagging: false },
      { unit: 'b', rank: 3, lagging: true },
      { unit: 'c', rank: 1, lagging: false },
    ]);
    expect(b(10)).toMatchObject({ rank: 3, vetoed: true, lagging: true, score: 100 });
    expect(b(12)).toMatchObject({ rank: 3, vetoed: true, lagging: true });
    expect(result.annual.find((unit) => unit.unit === 'b')).toEqual({ unit: 'b', completed: false });
  });

  it('scores a month without an approved report 0, and that unit lags', () => {
    const result = simulate(yearOf(rules, (unit, month) => (unit === 'a' && month === 2 ? undefined : 50)));
    expect(result.months[1].units[0]).toEqual({
      unit: 'a',
      score: 0,
      rank: 3,
      lagging: true,
      vetoed: false,
      reported: false,
      indicators: [],
    });
  });

  it('never lags a unit alone in its category on rank', () => {
    expect(
      simulate(yearOf(cycleOf(['solo']), () => 0)).cases.filter((fired) => fired.rung !== 'year_end_adjustment'),
    ).toEqual([]);
  });

  it('explains a case with its months, ranks, scores and rule', () => {
    const interview = simulate(yearOf(rules, lagsIn('a', [4, 5]))).cases.find(
      (fired) => fired.rung === 'interview' && fired.unit === 'a',
    );
    expect(interview).toMatchObject({
      ruleId: 'rank.interview',
      approvers: ['ORG_DEPT', 'DISCIPLINE'],
      approvalDeadline: '3d',
      explanation: { rule: 'rank.interview', months: [4, 5], ranks: [3, 3], scores: [64, 64], indicators: [] },
    });
    expect(interview?.explanation.text).toMatch(
      /^a, month 5: lagging 2 months in a row .*rank 3 of 3, score 64\.00.*Rule rank\.interview/,
    );
  });

  it('records the facts of the explanation, for people to read it in their own language', () => {
    const year = simulate(yearOf(rules, lagsIn('a', [1, 2, 3])));
    const discipline = year.cases.find((fired) => fired.rung === 'quarterly_discipline' && fired.unit === 'a');
    expect(discipline?.explanation.facts).toEqual({
      rung: 'quarterly_discipline',
      basis: 'lagging',
      period: 'quarter',
      streak: 1,
      run: 3,
      standings: [
        { month: 3, rank: 3, categorySize: 3, score: 64, reported: true, vetoed: false, lagging: true, behindPlan: [] },
      ],
      requires: { rung: 'interview', within: 'quarter' },
      prerequisite: { rung: 'interview', month: 2 },
      annualTask: null,
    });
  });

  it('records why the annual task failed among the facts of a year-end case', () => {
    const [adjustment] = simulate(yearOf(cycleOf(['solo']), () => 0)).cases;
    expect(adjustment?.explanation.facts).toMatchObject({
      rung: 'year_end_adjustment',
      basis: 'annual_task_incomplete',
      period: 'year',
      annualTask: { reported: true, vetoedSince: null, shortOf: ['solo-i'] },
    });
  });
});

describe('the plan-miss ladder (三挂)', () => {
  const rules = investmentCycleOf(['a', 'b'], { ladders: ['plan'] });
  const behindAll = (unit: string, month: number) => (unit === 'a' ? 50 * month : 100 * month);

  it('fires the gravest rung only when a month closes several periods', () => {
    const keys = rungsOf(caseKeys(simulate(yearOf(rules, behindAll)).cases), 'a');
    expect(keys).toEqual([
      '1/a/written_explanation',
      '2/a/written_explanation',
      '3/a/meeting_explanation',
      '4/a/written_explanation',
      '5/a/written_explanation',
      '6/a/admonishment_talk',
      '7/a/written_explanation',
      '8/a/written_explanation',
      '9/a/meeting_explanation',
      '10/a/written_explanation',
      '11/a/written_explanation',
      '12/a/bonus_withheld',
    ]);
  });

  it('judges the quarter at its last month', () => {
    const keys = caseKeys(
      simulate(yearOf(rules, (unit, month) => (unit === 'a' && month === 2 ? 150 : 100 * month))).cases,
    );
    expect(keys).toEqual(['2/a/written_explanation']);
  });

  it('counts a month without an approved report as a miss', () => {
    const keys = caseKeys(
      simulate(yearOf(rules, (unit, month) => (unit === 'b' && month === 5 ? undefined : 100 * month))).cases,
    );
    expect(keys).toEqual(['5/b/written_explanation']);
  });

  it('watches only the ladder dimensions', () => {
    const other = cycleOf(
      ['a', 'b'],
      { ladders: ['plan'] },
      { dimension: '财政收入', measure: 'cumulative', satisfactory: 1200, disallowed: 0 },
    );
    expect(simulate(yearOf(other, behindAll)).cases).toEqual([]);
  });

  it('names the indicators behind plan and leaves approval to the rule', () => {
    const [first] = simulate(yearOf(rules, behindAll)).cases;
    expect(first).toMatchObject({
      rung: 'written_explanation',
      approvers: [],
      approvalDeadline: null,
      explanation: { indicators: ['a-i'], months: [1] },
    });
  });
});

describe('a ladder configured as policy data', () => {
  it('runs a district’s own rules without code: an interview after three months, approved by ORG_DEPT alone', () => {
    const rules = cycleOf(['a', 'b', 'c'], {
      rules: [
        {
          id: 'district.interview',
          rung: 'interview',
          consequence: '约谈',
          trigger: { basis: 'lagging', streak: 3 },
          approvers: ['ORG_DEPT'],
          approvalDeadline: '5d',
        },
      ],
    });
    const cases = simulate(yearOf(rules, lagsIn('a', [1, 2, 3, 4]))).cases.filter((fired) => fired.unit === 'a');
    expect(caseKeys(cases)).toEqual(['3/a/interview', '4/a/interview']);
    expect(cases[0]).toMatchObject({ ruleId: 'district.interview', approvers: ['ORG_DEPT'], approvalDeadline: '5d' });
  });

  it('opens one case per rung and month when two rules would fire the same rung', () => {
    const rules = cycleOf(['a', 'b', 'c'], {
      rules: [
        { id: 'district.short', rung: 'interview', consequence: '约谈', trigger: { basis: 'lagging', streak: 2 } },
        { id: 'district.long', rung: 'interview', consequence: '约谈', trigger: { basis: 'lagging', streak: 3 } },
      ],
    });
    const cases = simulate(yearOf(rules, lagsIn('a', [1, 2, 3]))).cases.filter((fired) => fired.unit === 'a');
    expect(cases.map(({ id, ruleId }) => ({ id, ruleId }))).toEqual([
      { id: 'a/interview/m2', ruleId: 'district.short' },
      { id: 'a/interview/m3', ruleId: 'district.short' },
    ]);
  });

  it('watches the dimensions a plan rule names', () => {
    const rules = cycleOf(
      ['a', 'b'],
      {
        rules: [
          {
            id: 'revenue',
            rung: 'written_explanation',
            consequence: '情况说明',
            trigger: { basis: 'plan_miss', dimensions: ['财政收入'] },
          },
        ],
      },
      { dimension: '财政收入', measure: 'cumulative', satisfactory: 1200, disallowed: 0 },
    );
    expect(
      caseKeys(simulate(yearOf(rules, (unit, month) => (unit === 'a' && month === 7 ? 0 : 100 * month))).cases),
    ).toEqual(['7/a/written_explanation']);
  });
});

describe('closing months', () => {
  const rules = cycleOf(['a', 'b', 'c']);
  const year = yearOf(rules, lagsIn('a', [1, 2, 3]));
  const input = (month: number): MonthInput => ({ month, reports: monthReportsOf(year.reports, month), vetoes: [] });

  it('closes months in order, each once', () => {
    const first = closeMonth(initialCycleState(rules), input(1));
    expect(() => closeMonth(first.state, input(1))).toThrow(/Month 1 cannot close/);
    expect(() => closeMonth(first.state, input(3))).toThrow(RangeError);
    expect(() => closeMonth(initialCycleState(rules), input(2))).toThrow(RangeError);
  });

  it('does not change the state it is given', () => {
    const state = initialCycleState(rules);
    const before = JSON.stringify(state);
    closeMonth(state, input(1));
    expect(JSON.stringify(state)).toBe(before);
  });

  it('keeps its state as plain JSON that resumes exactly where it stopped', () => {
    let state = initialCycleState(rules);
    const direct: string[] = [];
    const resumed: string[] = [];
    for (let month = 1; month <= 12; month += 1) {
      const closed = closeMonth(state, input(month));
      const viaJson = closeMonth(JSON.parse(JSON.stringify(state)) as CycleState, input(month));
      expect(viaJson).toEqual(closed);
      direct.push(...caseKeys(closed.cases));
      resumed.push(...caseKeys(viaJson.cases));
      state = JSON.parse(JSON.stringify(closed.state)) as CycleState;
    }
    expect(resumed).toEqual(direct);
    expect(direct).toEqual(caseKeys(simulate(year).cases));
  });

  it('never fires again a case the state already holds', () => {
    const closed = closeMonth(initialCycleState(rules), input(1));
    const replayed = { ...initialCycleState(rules), cases: closed.state.cases };
    expect(closeMonth(replayed, input(1)).cases).toEqual([]);
  });

  it('reports the annual task when month 12 closes', () => {
    let state = initialCycleState(rules);
    for (let month = 1; month <= 11; month += 1) {
      const closed = closeMonth(state, input(month));
      expect(closed.annual).toBeNull();
      state = closed.state;
    }
    expect(closeMonth(state, input(12)).annual?.map(({ unit, completed }) => ({ unit, completed }))).toEqual([
      { unit: 'a', completed: true },
      { unit: 'b', completed: false },
      { unit: 'c', completed: false },
    ]);
  });
});
