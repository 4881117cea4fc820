import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioResult, validateScenario, type ScenarioResult } from '@jiebang/contracts';
import { monthReportsOf, simulate } from '@jiebang/domain';
import { runCli } from '../../apps/cli/src/cli';

const fixture = (name: string) => resolve(__dirname, '../fixtures', name);

/** Runs `jiebang <args>` in process, the scenario read from the fixture file or from `stdin`. */
async function jiebang(args: string[], stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    env: {},
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readFile: (path) => Promise.resolve(readFileSync(path, 'utf8')),
    readStdin: () => (stdin === undefined ? Promise.reject(new Error('no standard input')) : Promise.resolve(stdin)),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('the ratings example (test/fixtures/ratings-2026.json): peers, panels, assessors, trimmed means, 视为不合格', () => {
  const expected = JSON.parse(readFileSync(fixture('ratings-2026.result.json'), 'utf8')) as ScenarioResult;

  it('jiebang simulate prints exactly the expected result document', async () => {
    const run = await jiebang(['simulate', fixture('ratings-2026.json')]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual(expected);
  });

  it('jiebang simulate refuses a broken ratings object with its path, and prints no result', async () => {
    const broken = JSON.parse(readFileSync(fixture('ratings-2026.json'), 'utf8')) as {
      reports: Record<string, Record<string, Record<string, { ratings: Record<string, Record<string, number>> }>>>;
    };
    broken.reports.u00['6']['u00-sat'].ratings.peers.u00 = 95;
    const run = await jiebang(['simulate', '-'], JSON.stringify(broken));
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: expect.stringContaining(
        'reports.u00.6.u00-sat.ratings.peers.u00: u00 cannot rate its own unit\n',
      ) as string,
    });
  });

  it.each([
    { raters: 'kept', strip: false },
    { raters: 'removed', strip: true },
  ])(
    "gives the same year when an assessor enters each round's value as a number (raters $raters), as a live cycle does",
    ({ strip }) => {
      const document = JSON.parse(readFileSync(fixture('ratings-2026.json'), 'utf8')) as {
        indicators: Record<string, unknown>[];
        reports: Record<string, Record<string, unknown>>;
      };
      const original = validateScenario(document);
      if (!original.ok) throw new Error(JSON.stringify(original.problems));
      const { scenario } = original;
      // Every month as numbers only, the way the live month close reads approved reports.
      for (const [unit, months] of Object.entries(document.reports))
        for (const month of Object.keys(months))
          months[month] = monthReportsOf(scenario.reports, Number(month), scenario.indicators)[unit];
      if (strip)
        for (const indicator of document.indicators) {
          delete indicator.raters;
          delete indicator.ratedMonths;
        }
      const numbers = validateScenario(document);
      if (!numbers.ok) throw new Error(JSON.stringify(numbers.problems));
      expect(JSON.stringify(document)).not.toContain('"ratings"');
      expect(JSON.parse(JSON.stringify(scenarioResult(simulate(numbers.scenario))))).toEqual(expected);
    },
  );
});
