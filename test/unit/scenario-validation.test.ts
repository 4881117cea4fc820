import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioJson, validateScenario } from '@jiebang/contracts';
import { RANK_LADDER, PLAN_LADDER } from '@jiebang/domain';

const example = () =>
  JSON.parse(readFileSync(resolve(__dirname, '../fixtures/district-2026.json'), 'utf8')) as Record<string, unknown> & {
    indicators: Array<Record<string, unknown>>;
  };
const problemsOf = (input: unknown) => {
  const validation = validateScenario(input);
  return validation.ok ? [] : validation.problems;
};

describe('validateScenario', () => {
  it('accepts the example and fills every policy default', () => {
    const validation = validateScenario(example());
    if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
    expect(validation.scenario.policy).toMatchObject({
      fullScore: 100,
      bottomN: 1,
      yellowFrom: 80,
      ladders: ['rank', 'plan'],
      approvalDeadline: '3d',
      calendar: { timezone: 'Asia/Shanghai' },
    });
    expect(validation.scenario.policy.rules).toEqual([...RANK_LADDER, ...PLAN_LADDER]);
  });

  it('fills an absent policy, reports and vetoes', () => {
    const bare = example();
    delete bare.policy;
    delete bare.reports;
    delete bare.vetoes;
    const validation = validateScenario(bare);
    expect(validation.ok && validation.scenario.policy.ladders).toEqual(['rank']);
    expect(validation.ok && validation.scenario.vetoes).toEqual([]);
  });

  it('reports a malformed field and a broken reference of another item together', () => {
    const broken = example();
    broken.indicators[0].weight = 'heavy';
    broken.indicators[1].unit = 'u-nowhere';
    expect(problemsOf(broken).map((problem) => problem.path)).toEqual(['indicators[0].weight', 'indicators[1].unit']);
  });

  it('reports a unit without indicators', () => {
    const broken = example();
    broken.indicators = broken.indicators.filter((indicator) => indicator.unit !== 'u06');
    expect(problemsOf(broken)).toEqual([
      { path: 'units[6]', message: 'unit u06 has no indicators; its weights must add up to 100' },
      ...['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'].flatMap((month) => [
        { path: `reports.u06.${month}.u06-i0`, message: 'unit u06 has no indicator "u06-i0"' },
        { path: `reports.u06.${month}.u06-i1`, message: 'unit u06 has no indicator "u06-i1"' },
      ]),
    ]);
  });

  it('checks weights against the policy full score', () => {
    const scaled = example();
    scaled.policy = { fullScore: 200 };
    expect(problemsOf(scaled)).toHaveLength(8);
    expect(problemsOf(scaled)[0]).toEqual({
      path: 'indicators[0].weight',
      message: 'unit u00 weights add up to 100, expected 200',
    });
  });

  it('refuses values that are not finite numbers, even from JavaScript callers', () => {
    const broken = example();
    broken.indicators[0].satisfactory = Number.NaN;
    broken.indicators[1].disallowed = Number.POSITIVE_INFINITY;
    expect(problemsOf(broken)).toEqual([
      { path: 'indicators[0].satisfactory', message: 'expected number, got NaN' },
      { path: 'indicators[1].disallowed', message: 'the disallowed value must be a finite number' },
    ]);
  });

  it('validates a ladder written as policy data, with paths into it', () => {
    const custom = example();
    custom.policy = {
      rules: [{ id: 'x', rung: 'interview', consequence: '约谈', trigger: { basis: 'lagging', period: 'fortnight' } }],
    };
    expect(problemsOf(custom)).toEqual([
      {
        path: 'policy.rules[0].trigger.period',
        message: 'expected one of "month", "quarter", "half_year", "year", got "fortnight"',
      },
    ]);
  });

  it('refuses ids that would break report paths', () => {
    const broken = example();
    broken.indicators[0].id = 'u00.i0';
    expect(problemsOf(broken).map((problem) => problem.path)).toContain('indicators[0].id');
  });
});

describe('parseScenarioJson', () => {
  it('turns a syntax error into one problem at $', () => {
    const validation = parseScenarioJson('{"format": ');
    expect(validation).toEqual({
      ok: false,
      problems: [{ path: '$', message: expect.stringMatching(/^not valid JSON: /) }],
    });
  });

  it('ignores a byte order mark', () => {
    expect(parseScenarioJson(`\uFEFF${JSON.stringify(example())}`).ok).toBe(true);
  });
});
