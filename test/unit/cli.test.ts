import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { distBuildSteps } from '@jiebang/devstack/dist-build';

const ROOT = resolve(__dirname, '../..');
const BIN = resolve(ROOT, 'bin/jiebang.js');
const EXAMPLE = resolve(ROOT, 'test/fixtures/district-2026.json');
const EXPECTED = resolve(ROOT, 'test/fixtures/district-2026.result.json');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real command, as a user would. */
function jiebang(args: string[], stdin?: string): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input: stdin,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

type Document = Record<string, unknown> & {
  indicators: Array<Record<string, unknown>>;
  units: Array<Record<string, unknown>>;
  reports: Record<string, Record<string, Record<string, unknown>>>;
};
const example = (): Document => JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Document;

/** Simulates a broken document from stdin and checks the failure contract: exit 1, nothing on stdout, no stack trace. */
function refuse(document: unknown): string[] {
  const run = jiebang(['simulate', '-'], typeof document === 'string' ? document : JSON.stringify(document));
  expect(run.status).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toMatch(/\n\s+at /);
  return run.stderr.trim().split('\n').slice(1);
}

beforeAll(() => {
  if (existsSync(resolve(ROOT, 'dist/apps/cli/src/main.js'))) return;
  const built = distBuildSteps(ROOT).map((step) =>
    spawnSync(process.execPath, step.args, { cwd: ROOT, encoding: 'utf8' }),
  );
  if (!existsSync(resolve(ROOT, 'dist/apps/cli/src/main.js')))
    throw new Error(`build failed:\n${built.map((run) => `${run.stdout}${run.stderr}`).join('')}`);
}, 300_000);

describe('jiebang simulate', () => {
  it('prints the expected result of the example district', () => {
    const run = jiebang(['simulate', EXAMPLE]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(readFileSync(EXPECTED, 'utf8')));
  });

  it('reads the scenario from standard input with "-"', () => {
    const run = jiebang(['simulate', '-'], readFileSync(EXAMPLE, 'utf8'));
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(readFileSync(EXPECTED, 'utf8')));
  });

  it('explains every case on request', () => {
    const run = jiebang(['simulate', EXAMPLE, '--explain']);
    const result = JSON.parse(run.stdout) as {
      cases: Array<{ rung: string; ruleId: string; explanation: { text: string; months: number[] } }>;
    };
    expect(result.cases[0]).toMatchObject({
      rung: 'warning_speech',
      ruleId: 'rank.warning_speech',
      explanation: { months: [1] },
    });
    expect(result.cases.every((fired) => fired.explanation.text.length > 0)).toBe(true);
  });

  it('explains the command and both formats with --help', () => {
    const run = jiebang(['simulate', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/usage: jiebang simulate <scenario\.json \| ->/);
    expect(run.stdout).toMatch(/jiebang-scenario\/1/);
    expect(run.stdout).toMatch(/jiebang-result\/1/);
    expect(jiebang(['--help']).stdout).toMatch(/simulate/);
  });
});

describe('jiebang simulate refuses bad input, naming every problem with its path', () => {
  it('truncated JSON', () => {
    expect(refuse('{"format": "jiebang-scen')).toEqual([expect.stringMatching(/^\$: not valid JSON: /)]);
  });

  it('an empty input', () => {
    expect(refuse('')).toEqual([expect.stringMatching(/^\$: not valid JSON/)]);
  });

  it('wrong types', () => {
    const document = example();
    document.year = '2026';
    document.indicators[0].weight = 'heavy';
    document.units = {} as never;
    expect(refuse(document)).toEqual(
      expect.arrayContaining([
        'year: expected number, got string',
        'indicators[0].weight: expected number, got string',
        'units: expected array, got object',
      ]),
    );
  });

  it('a document that is not an object', () => {
    expect(refuse([1, 2])).toEqual(['$: expected object, got array']);
  });

  it('unknown fields', () => {
    const document = example();
    document.colour = 'red';
    document.indicators[2].owner = 'someone';
    (document.policy as Record<string, unknown>).bottomM = 2;
    expect(refuse(document)).toEqual([
      'colour: unknown field',
      'policy.bottomM: unknown field',
      'indicators[2].owner: unknown field',
    ]);
  });

  it('ids that do not resolve', () => {
    const document = example();
    document.indicators[1].unit = 'u-nowhere';
    document.units[0].category = 'c9';
    document.reports.u99 = {};
    (document.vetoes as Array<Record<string, unknown>>)[0].unit = 'u42';
    const problems = refuse(document);
    expect(problems).toEqual(
      expect.arrayContaining([
        'units[0].category: unknown category "c9"',
        'indicators[1].unit: unknown unit "u-nowhere"',
        'reports.u99: unknown unit "u99"',
        'vetoes[0].unit: unknown unit "u42"',
      ]),
    );
  });

  it('numbers that are not finite', () => {
    const text = JSON.stringify(example()).replace('"satisfactory":8000', '"satisfactory":1e999');
    expect(refuse(text)).toEqual(['indicators[0].satisfactory: the satisfactory value must be a finite number']);
  });

  it('duplicate ids', () => {
    const document = example();
    document.units[3].id = 'u00';
    document.indicators[4].id = 'u02-i0';
    const problems = refuse(document);
    expect(problems).toContain('units[3].id: duplicate unit id "u00", first used at units[0]');
    expect(problems).toContain('indicators[4].id: duplicate indicator id "u02-i0", first used at indicators[2]');
  });

  it('a satisfactory value not on the good side of the disallowed value', () => {
    const document = example();
    document.indicators[1].satisfactory = 9;
    expect(refuse(document)).toEqual([
      'indicators[1].satisfactory: for a decrease indicator the satisfactory value must be below the disallowed value (satisfactory 9, disallowed 8)',
    ]);
  });

  it('a bad plan', () => {
    const document = example();
    const plan = document.indicators[8].plan as number[];
    plan[4] = 0.1;
    plan[11] = 0.99;
    document.indicators[10].plan = [0.5, 1];
    expect(refuse(document)).toEqual([
      'indicators[8].plan[4]: a plan never decreases: 0.1 after 0.4773',
      'indicators[8].plan[11]: the plan must reach 1 at month 12, not 0.99',
      'indicators[10].plan: a plan has exactly 12 monthly shares',
    ]);
  });

  it('a month outside 1..12', () => {
    const document = example();
    document.reports.u00['13'] = document.reports.u00['12'];
    (document.vetoes as Array<Record<string, unknown>>)[0].month = 0;
    expect(refuse(document)).toEqual([
      'reports.u00.13: a month is a whole number from 1 to 12',
      'vetoes[0].month: a month is from 1 to 12',
    ]);
  });

  it('a report missing an indicator, or naming one the unit does not have', () => {
    const document = example();
    delete document.reports.u02['4']['u02-i1'];
    document.reports.u02['5']['u03-i0'] = 1;
    expect(refuse(document)).toEqual([
      'reports.u02.4.u02-i1: missing: the report has no value for indicator u02-i1 of unit u02',
      'reports.u02.5.u03-i0: unit u02 has no indicator "u03-i0"',
    ]);
  });

  it('weights that do not add up to the full score', () => {
    const document = example();
    document.indicators[3].weight = 34;
    expect(refuse(document)).toEqual(['indicators[2].weight: unit u02 weights add up to 105, expected 100']);
  });

  it('an unknown format', () => {
    const document = example();
    document.format = 'jiebang-scenario/2';
    expect(refuse(document)).toEqual(['format: unknown format "jiebang-scenario/2", expected "jiebang-scenario/1"']);
  });

  it('a bad policy', () => {
    const document = example();
    document.policy = {
      bottomN: -1,
      ladders: ['rank', 'luck'],
      approvalDeadline: 'soon',
      calendar: { timezone: 'Mars/Olympus' },
    };
    expect(refuse(document)).toEqual([
      'policy.bottomN: bottomN cannot be negative',
      'policy.ladders[1]: expected one of "rank", "plan", got "luck"',
      expect.stringMatching(/^policy\.approvalDeadline: expected a duration/),
      expect.stringMatching(/^policy\.calendar\.timezone: expected a fixed-offset time zone/),
    ]);
  });

  it('lists every problem of a document with many', () => {
    const document = example();
    document.format = 'x';
    document.indicators[0].weight = 'heavy';
    document.indicators[1].unit = 'u-nowhere';
    delete document.reports.u03['1']['u03-i2'];
    const run = jiebang(['simulate', '-'], JSON.stringify(document));
    expect(run.stderr.split('\n')[0]).toMatch(/is not a valid jiebang-scenario\/1 document \(4 problems\)/);
  });
});

describe('jiebang usage errors', () => {
  it('a missing file', () => {
    const run = jiebang(['simulate', 'no-such-scenario.json']);
    expect(run).toEqual({
      status: 1,
      stdout: '',
      stderr: 'jiebang simulate: cannot read no-such-scenario.json: no such file\n',
    });
  });

  it('no scenario, two scenarios, an unknown option', () => {
    for (const args of [['simulate'], ['simulate', 'a.json', 'b.json'], ['simulate', EXAMPLE, '--fast']]) {
      const run = jiebang(args);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/usage: jiebang simulate/);
    }
  });

  it('an unknown command', () => {
    const run = jiebang(['simulat']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown command "simulat"/);
  });
});
