import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '@jiebang/contracts';

type Item = Record<string, unknown>;
type Document = Item & {
  policy: Item & { panels: Record<string, string[]> };
  indicators: Item[];
  reports: Record<string, Record<string, Record<string, unknown>>>;
};

const example = () => JSON.parse(readFileSync(resolve(__dirname, '../fixtures/ratings-2026.json'), 'utf8')) as Document;
const problemsOf = (input: unknown) => {
  const validation = validateScenario(input);
  return validation.ok ? [] : validation.problems;
};
/** The position of an indicator in the example, so paths read as the example is written. */
const at = (document: Document, id: string) => {
  const index = document.indicators.findIndex((indicator) => indicator.id === id);
  if (index === -1) throw new Error(`no indicator ${id} in the example`);
  return index;
};
const ratingsOf = (document: Document, unit: string, month: number, indicator: string) =>
  (document.reports[unit][String(month)][indicator] as { ratings: Record<string, Record<string, number>> }).ratings;

describe('validateScenario: ratings by many', () => {
  it('accepts the example with its panels, raters, failBelow and ratings objects', () => {
    const validation = validateScenario(example());
    if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
    expect(validation.scenario.policy.panels?.['巡察组']).toHaveLength(6);
    expect(validation.scenario.reports.u00['6']['u00-sat']).toMatchObject({ ratings: { peers: { u01: 70.8 } } });
  });

  it('refuses raters on an indicator that is not a manual rating', () => {
    const broken = example();
    broken.indicators[at(broken, 'u00-i0')].raters = [{ group: 'peers', weight: 1 }];
    expect(problemsOf(broken)).toEqual([
      {
        path: `indicators[${at(broken, 'u00-i0')}].raters`,
        message:
          'raters is only for a manual rating (dimension 政风评议, 依法行政, 领导评议 or 群众满意度), not 财政收入',
      },
    ]);
  });

  it('refuses failBelow on an indicator that is not a manual rating', () => {
    const broken = example();
    broken.indicators[at(broken, 'u00-i0')].failBelow = 60;
    expect(problemsOf(broken)).toEqual([
      {
        path: `indicators[${at(broken, 'u00-i0')}].failBelow`,
        message:
          'failBelow is only for a manual rating (dimension 政风评议, 依法行政, 领导评议 or 群众满意度), not 财政收入',
      },
    ]);
  });

  it('refuses ratedMonths on an indicator without raters', () => {
    const broken = example();
    delete broken.indicators[at(broken, 'u05-sat')].raters;
    delete broken.indicators[at(broken, 'u05-sat')].failBelow;
    for (const month of ['6', '12']) broken.reports.u05[month]['u05-sat'] = 90;
    expect(problemsOf(broken)).toEqual([
      {
        path: `indicators[${at(broken, 'u05-sat')}].ratedMonths`,
        message: 'ratedMonths needs raters: without them an assessor rates the indicator every month',
      },
    ]);
  });

  it('refuses an unknown group', () => {
    const broken = example();
    const index = at(broken, 'u06-sat');
    broken.indicators[index].raters = [
      { group: 'peers', weight: 0.3 },
      { group: 'residents', weight: 0.7 },
    ];
    expect(problemsOf(broken)).toContainEqual({
      path: `indicators[${index}].raters[1].group`,
      message: 'unknown group "residents": expected "assessors", "peers" or "panel:NAME"',
    });
  });

  it('refuses a group listed twice', () => {
    const broken = example();
    const index = at(broken, 'u06-sat');
    broken.indicators[index].raters = [
      { group: 'peers', weight: 0.5 },
      { group: 'peers', weight: 0.5 },
    ];
    expect(problemsOf(broken)).toContainEqual({
      path: `indicators[${index}].raters[1].group`,
      message: 'group "peers" is listed twice, first at raters[0]',
    });
  });

  it('refuses a weight that is not positive', () => {
    const broken = example();
    const index = at(broken, 'u00-i1');
    broken.indicators[index].raters = [
      { group: 'assessors', weight: 1 },
      { group: 'peers', weight: 0 },
    ];
    expect(problemsOf(broken)).toEqual([
      { path: `indicators[${index}].raters[1].weight`, message: 'a group weight must be above 0' },
    ]);
  });

  it('refuses weights that do not add up to 1', () => {
    const broken = example();
    const index = at(broken, 'u00-i1');
    broken.indicators[index].raters = [
      { group: 'assessors', weight: 0.5 },
      { group: 'peers', weight: 0.4 },
    ];
    expect(problemsOf(broken)).toEqual([
      { path: `indicators[${index}].raters`, message: 'the group weights add up to 0.9, expected 1' },
    ]);
  });

  it('refuses a panel that is not in policy.panels', () => {
    const broken = example();
    delete broken.policy.panels['群众代表'];
    const problems = problemsOf(broken);
    expect(problems.filter((problem) => problem.path.startsWith('indicators'))).toEqual(
      ['u00-sat', 'u01-sat', 'u02-sat', 'u03-sat', 'u04-sat', 'u05-sat', 'u06-sat', 'u07-sat'].map((id) => ({
        path: `indicators[${at(broken, id)}].raters[2].group`,
        message: 'no panel "群众代表" in policy.panels',
      })),
    );
  });

  it('refuses two panels of one indicator that share a member', () => {
    const broken = example();
    broken.policy.panels['群众代表'] = [...broken.policy.panels['群众代表'], 'xc3'];
    expect(problemsOf(broken).filter((problem) => problem.path.startsWith('indicators'))).toEqual(
      ['u00-sat', 'u01-sat', 'u02-sat', 'u03-sat', 'u04-sat', 'u05-sat', 'u06-sat', 'u07-sat'].map((id) => ({
        path: `indicators[${at(broken, id)}].raters[2].group`,
        message: 'xc3 is a member of both 巡察组 and 群众代表, which rate this indicator: they would rate it twice',
      })),
    );
  });

  it('refuses a peer rating its own unit', () => {
    const broken = example();
    ratingsOf(broken, 'u00', 6, 'u00-sat').peers.u00 = 90;
    expect(problemsOf(broken)).toEqual([
      { path: 'reports.u00.6.u00-sat.ratings.peers.u00', message: 'u00 cannot rate its own unit' },
    ]);
  });

  it('refuses a peer from another category, and one that is no unit at all', () => {
    const broken = example();
    ratingsOf(broken, 'u00', 6, 'u00-sat').peers.u05 = 90;
    ratingsOf(broken, 'u00', 6, 'u00-sat').peers.x9 = 90;
    expect(problemsOf(broken)).toEqual([
      {
        path: 'reports.u00.6.u00-sat.ratings.peers.u05',
        message: 'u05 is in category c1, not c0 of unit u00: peers rate within their category',
      },
      {
        path: 'reports.u00.6.u00-sat.ratings.peers.x9',
        message: 'x9 is not a unit: a peer is a unit of the same category',
      },
    ]);
  });

  it('refuses a panel rater who is not a member of the panel', () => {
    const broken = example();
    ratingsOf(broken, 'u01', 12, 'u01-sat')['panel:巡察组'].qz1 = 88;
    expect(problemsOf(broken)).toEqual([
      { path: 'reports.u01.12.u01-sat.ratings.panel:巡察组.qz1', message: 'qz1 is not a member of panel 巡察组' },
    ]);
  });

  it('takes any id as an assessor', () => {
    const document = example();
    ratingsOf(document, 'u00', 6, 'u00-i1').assessors['anyone-at-all'] = 70;
    expect(problemsOf(document)).toEqual([]);
  });

  it('refuses ratings for a group the indicator is not rated by', () => {
    const broken = example();
    ratingsOf(broken, 'u00', 6, 'u00-i1')['panel:巡察组'] = { xc1: 80 };
    expect(problemsOf(broken)).toEqual([
      {
        path: 'reports.u00.6.u00-i1.ratings.panel:巡察组',
        message: 'unknown group "panel:巡察组": indicator u00-i1 is rated by assessors, peers',
      },
    ]);
  });

  it('refuses a ratings object outside ratedMonths', () => {
    const broken = example();
    broken.reports.u00['7']['u00-sat'] = { ratings: { peers: { u01: 80 } } };
    expect(problemsOf(broken)).toEqual([
      {
        path: 'reports.u00.7.u00-sat',
        message: 'month 7 is not a rated month of indicator u00-sat (ratedMonths [6,12]): its value is a number',
      },
    ]);
  });

  it('rates only month 12 when ratedMonths is left out', () => {
    const broken = example();
    delete broken.indicators[at(broken, 'u00-sat')].ratedMonths;
    expect(problemsOf(broken)).toEqual([
      {
        path: 'reports.u00.6.u00-sat',
        message: 'month 6 is not a rated month of indicator u00-sat (ratedMonths [12]): its value is a number',
      },
    ]);
  });

  it('refuses a ratings object for an indicator without raters', () => {
    const broken = example();
    const index = at(broken, 'u00-i1');
    delete broken.indicators[index].raters;
    delete broken.indicators[index].ratedMonths;
    expect(problemsOf(broken).map((problem) => problem.path)).toEqual([
      'reports.u00.6.u00-i1',
      'reports.u00.9.u00-i1',
      'reports.u00.12.u00-i1',
    ]);
    expect(problemsOf(broken)[0].message).toBe(
      "indicator u00-i1 has no raters: its value is a number (an assessor's rating)",
    );
  });

  it('refuses a ratings object with no rating at all', () => {
    const broken = example();
    broken.reports.u00['6']['u00-sat'] = { ratings: { peers: {}, 'panel:巡察组': {} } };
    expect(problemsOf(broken)).toEqual([
      {
        path: 'reports.u00.6.u00-sat.ratings',
        message: "no rating at all: write the assessor's number instead of a ratings object",
      },
    ]);
  });

  it('refuses a rating outside 0..100 or not a number, and a malformed ratings object', () => {
    const broken = example();
    ratingsOf(broken, 'u00', 6, 'u00-sat').peers.u01 = 101;
    ratingsOf(broken, 'u00', 6, 'u00-sat').peers.u03 = '90' as unknown as number;
    broken.reports.u00['12']['u00-sat'] = { rating: 90 };
    broken.reports.u00['11']['u00-sat'] = 'high';
    expect(problemsOf(broken)).toEqual([
      { path: 'reports.u00.6.u00-sat.ratings.peers.u01', message: 'a rating is from 0 to 100' },
      { path: 'reports.u00.6.u00-sat.ratings.peers.u03', message: 'expected number, got string' },
      { path: 'reports.u00.11.u00-sat', message: 'expected number, got string' },
      { path: 'reports.u00.12.u00-sat.ratings', message: 'required (object)' },
      { path: 'reports.u00.12.u00-sat.rating', message: 'unknown field' },
    ]);
  });

  it('refuses a panel without members and a member listed twice', () => {
    const broken = example();
    broken.policy.panels['巡察组'] = ['xc1', 'xc2', 'xc3', 'xc4', 'xc5', 'xc6', 'xc2'];
    broken.policy.panels['空组'] = [];
    expect(problemsOf(broken)).toEqual([
      { path: 'policy.panels.巡察组[6]', message: 'xc2 is listed twice in this panel, first at [1]' },
      { path: 'policy.panels.空组', message: 'a panel has at least one member' },
    ]);
  });
});
