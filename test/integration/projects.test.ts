import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoScenario, withoutHistory } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';

const { admin, assessor, reporterOf } = ACTORS;

type Item = Record<string, unknown>;

/** The example with key projects as a live cycle takes it: the demo's calendar, no reports, vetoes or progress. */
function projectsScenario(): Record<string, unknown> & { leaders: Item[]; projects: Item[] } {
  const example = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/projects-2026.json'), 'utf8')) as Record<
    string,
    unknown
  > & { leaders: Item[]; projects: Item[] };
  const live: Record<string, unknown> = { ...example, policy: demoScenario().policy };
  delete live.progress;
  return withoutHistory(live) as typeof example;
}

describe('key projects (三挂) in the import, over real HTTP and Postgres', () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  const countRows = async (table: string) =>
    Number((await suite.db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

  beforeAll(async () => {
    suite = await startJiebangSuite('projects-suite');
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it('refuses a malformed project list with 400 and the path of each problem, storing nothing', async () => {
    const broken = projectsScenario();
    broken.projects[0].leader = 'l-zhao';
    broken.projects[2].indicator = 'u03-i2';
    const cyclesBefore = await countRows('cycles');

    const response = await call('POST', '/cycles', { actor: admin, body: broken });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVALID_SCENARIO');
    expect(response.body.details).toEqual([
      { path: 'projects[0].leader', message: 'unknown leader "l-zhao": list it under "leaders"' },
      {
        path: 'projects[2].indicator',
        message: "indicator u03-i2 belongs to unit u03, not to the project's owner unit u04",
      },
    ]);
    expect(await countRows('cycles')).toBe(cyclesBefore);
    expect(await countRows('key_projects')).toBe(0);
  });

  it("refuses projects' progress in the import: a live cycle takes it through the reports", async () => {
    const withProgress = { ...projectsScenario(), progress: { 'p-park': { '2': { investment: 800 } } } };
    const response = await call('POST', '/cycles', { actor: admin, body: withProgress });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('SCENARIO_HISTORY_NOT_IMPORTED');
    expect(response.body.details).toEqual([
      { path: 'progress.p-park', message: expect.stringMatching(/remove "progress"/) },
    ]);
    expect(await countRows('key_projects')).toBe(0);
  });

  it('stores the projects with the cycle and answers them as imported', async () => {
    const scenario = projectsScenario();
    const imported = await call('POST', '/cycles', { actor: assessor, body: scenario });
    expect(imported.status).toBe(201);
    const cycleId = (imported.body.cycle as { id: string }).id;

    const projects = await call('GET', `/cycles/${cycleId}/projects`, { actor: reporterOf('u03') });
    expect(projects.status).toBe(200);
    expect(projects.body).toEqual({ leaders: scenario.leaders, projects: scenario.projects });
    expect(await countRows('key_project_milestones')).toBe(12);

    const audit = await suite.db.query(
      "SELECT change FROM audit_log WHERE action = 'cycle.imported' AND cycle_id = $1",
      [cycleId],
    );
    expect(audit.rows[0].change).toMatchObject({ projects: 3 });
  });

  it('answers empty lists for a cycle imported without projects, and 404 for an unknown cycle', async () => {
    const plain = await call('POST', '/cycles', { actor: admin, body: withoutHistory(demoScenario()) });
    const cycleId = (plain.body.cycle as { id: string }).id;
    const projects = await call('GET', `/cycles/${cycleId}/projects`, { actor: admin });
    expect(projects.status).toBe(200);
    expect(projects.body).toEqual({ leaders: [], projects: [] });

    const unknown = await call('GET', '/cycles/2026-nowhere/projects', { actor: admin });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('CYCLE_NOT_FOUND');
  });
});
