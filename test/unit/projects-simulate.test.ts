import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseScenarioJson, scenarioResult, withKeyProjects, type ScenarioResult } from '@jiebang/contracts';
import { simulate } from '@jiebang/domain';
import { distBuildSteps } from '@jiebang/devstack/dist-build';

const execFileAsync = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const BIN = resolve(ROOT, 'bin/jiebang.js');
const fixture = (name: string) => resolve(ROOT, 'test/fixtures', name);
const read = (name: string) => readFileSync(fixture(name), 'utf8');

/*
 * test/fixtures/projects-2026.json is the example district with three key projects added; its
 * months, cases and annual tasks are those of district-2026.result.json (projects change no
 * score). The `projects` part of projects-2026.result.json was worked out by hand from the rules
 * (docs/projects.md), with the default policy.stallMonths of 2:
 *
 * p-park (u03, due: signed 02-28, land 04-30, started 06-30, in_statistics 07-31). Reached:
 *   signed in month 2, land in 5, started in 6, in_statistics in 8. land is not reached by the end
 *   of April (its due month): it slips in month 4. in_statistics is not reached by the end of
 *   July: it slips in month 7. signed and started are on time.
 *   Investment to date: month 1 absent (no movement), then 800, 1500, 2600, ... 10400: new
 *   investment in every month 2..12, so never two still months in a row: not stalled.
 * p-road (u05, due: land 03-31, started 06-30, completed 2027-10-31). land reached in month 2,
 *   started in month 6: on time; completed is due after the cycle's year and cannot slip in it.
 *   Investment to date: 1000 (month 1, new against the year's 0), 1800 (month 2), 1800 (month 3:
 *   none new), month 4 absent, 1800 (month 5: none new), 2600 (month 6) and rising to month 12.
 *   Still months: 3, 4, 5. Stalled in month 4 (months 3..4 still) and 5 (months 4..5 still);
 *   month 3 alone is one still month; month 6 moves again. stalled: [4, 5].
 * p-hall (u04, due: signed 01-31, land 03-31, started 05-31, in_statistics 09-30, completed
 *   12-31). Reached in months 1, 3, 5, 8, 12: each by its due month, no slip. Investment rises
 *   every month from 500 in month 1: not stalled.
 */
describe('the example with key projects (test/fixtures/projects-2026.json)', () => {
  const validation = parseScenarioJson(read('projects-2026.json'));
  const expected = JSON.parse(read('projects-2026.result.json')) as ScenarioResult;

  it('is a valid scenario', () => {
    expect(validation.ok ? [] : validation.problems).toEqual([]);
  });

  it('gives the hand-checked slips and stalled months, and the district result unchanged', () => {
    if (!validation.ok) throw new Error('invalid example');
    const result = withKeyProjects(scenarioResult(simulate(validation.scenario)), validation.scenario);
    expect(JSON.parse(JSON.stringify(result))).toEqual(expected);
    expect({ ...expected, projects: undefined }).toEqual(JSON.parse(read('district-2026.result.json')));
  });

  it('adds no projects list to the result of a scenario without projects', () => {
    const plain = parseScenarioJson(read('district-2026.json'));
    if (!plain.ok) throw new Error('invalid example');
    expect(withKeyProjects(scenarioResult(simulate(plain.scenario)), plain.scenario)).not.toHaveProperty('projects');
  });

  it('answers an empty projects list for a scenario that lists no projects at all', () => {
    if (!validation.ok) throw new Error('invalid example');
    const scenario = { ...validation.scenario, projects: [], progress: {} };
    expect(withKeyProjects(scenarioResult(simulate(scenario)), scenario).projects).toEqual([]);
  });

  it('follows policy.stallMonths', () => {
    if (!validation.ok) throw new Error('invalid example');
    const scenario = { ...validation.scenario, policy: { ...validation.scenario.policy, stallMonths: 3 } };
    const road = withKeyProjects(scenarioResult(simulate(scenario)), scenario).projects?.[1];
    expect(road).toEqual({ project: 'p-road', slipped: [], stalled: [5] });
  });
});

describe('jiebang simulate on the example with key projects', () => {
  // Built without blocking the test worker (a synchronous build of a minute times out its reports).
  beforeAll(async () => {
    if (existsSync(resolve(ROOT, 'dist/apps/cli/src/main.js'))) return;
    const outputs: string[] = [];
    for (const step of distBuildSteps(ROOT)) {
      const run = await execFileAsync(process.execPath, step.args, { cwd: ROOT, encoding: 'utf8' }).catch(
        (error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
      );
      outputs.push(`${run.stdout}${run.stderr}`);
    }
    if (!existsSync(resolve(ROOT, 'dist/apps/cli/src/main.js'))) throw new Error(`build failed:\n${outputs.join('')}`);
  }, 300_000);

  it('prints the hand-checked result', () => {
    const run = spawnSync(process.execPath, [BIN, 'simulate', fixture('projects-2026.json')], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(read('projects-2026.result.json')));
  });

  it('refuses a malformed project list with the path of each problem', () => {
    const document = JSON.parse(read('projects-2026.json')) as {
      projects: Array<{ leader: string; milestones: Array<{ due: string }> }>;
    };
    document.projects[0].leader = 'l-zhao';
    document.projects[1].milestones[0].due = '2025-03-31';
    const run = spawnSync(process.execPath, [BIN, 'simulate', '-'], {
      cwd: ROOT,
      input: JSON.stringify(document),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n').slice(1)).toEqual([
      'projects[0].leader: unknown leader "l-zhao": list it under "leaders"',
      "projects[1].milestones[0].due: 2025-03-31 is outside the cycle's year 2026",
    ]);
  });
});
