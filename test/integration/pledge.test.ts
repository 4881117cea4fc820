import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crash, eventually, spawnWorkerProcess, startWorker, testConfig } from '../support/jiebang';
import { demoScenario, tinyScenario, withoutHistory } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';

const { admin, headOf } = ACTORS;

describe('import and pledge over real HTTP, Temporal and Postgres', () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);

  beforeAll(async () => {
    suite = await startJiebangSuite('pledge-suite');
  });

  afterAll(async () => {
    await suite?.stop();
  });

  const countRows = async (table: string, where = 'true', params: unknown[] = []) =>
    Number((await suite.db.query(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params)).rows[0].n);

  it('reports healthy when Postgres, Temporal and a worker are up', async () => {
    const health = await call('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', checks: { postgres: 'ok', temporal: 'ok', worker: 'ok' } });
  });

  it('imports the demo district and starts one workflow per unit, once', async () => {
    const first = await call('POST', '/cycles', { actor: admin, body: withoutHistory(demoScenario()) });
    expect(first.status).toBe(201);
    const cycle = first.body.cycle as { id: string; units: number; indicators: number };
    expect(cycle).toMatchObject({ id: '2026-scenario-2026', units: 8, indicators: 24 });
    expect(first.body.workflowsStarted).toBe(8);

    const again = await call('POST', '/cycles', { actor: admin, body: withoutHistory(demoScenario()) });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, workflowsStarted: 0 });

    const running = await eventually(async () => {
      const ids: string[] = [];
      for await (const execution of suite.temporal.workflow.list({
        query: `CycleId = "${cycle.id}" AND WorkflowType = "unitCycleWorkflow" AND ExecutionStatus = "Running"`,
      }))
        ids.push(execution.workflowId);
      return ids.length === 8 ? ids : undefined;
    });
    expect(running.sort()).toContain('cycle-2026-scenario-2026/unit-u00');
  });

  it('refuses a broken document with every problem and its path, storing nothing', async () => {
    const broken = demoScenario();
    broken.name = 'Broken district';
    const indicators = broken.indicators as Array<Record<string, unknown>>;
    indicators[0].weight = 'heavy';
    indicators[1].unit = 'u-nowhere';
    const before = await countRows('cycles');

    const response = await call('POST', '/cycles', { actor: admin, body: broken });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVALID_SCENARIO');
    const paths = (response.body.details as Array<{ path: string }>).map((problem) => problem.path);
    expect(paths).toEqual(expect.arrayContaining(['indicators[0].weight', 'indicators[1].unit']));
    expect(await countRows('cycles')).toBe(before);
    expect(await countRows('units', 'cycle_id LIKE $1', ['%broken%'])).toBe(0);
  });

  it('answers malformed JSON with 400 and the one error shape', async () => {
    const response = await call('POST', '/cycles', { actor: admin, rawBody: '{"format": "jiebang-scen' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
  });

  it('lets the head sign once; a second signature is refused with 409 and changes nothing', async () => {
    const signed = await call('POST', '/cycles/2026-scenario-2026/units/u01/pledge', { actor: headOf('u01') });
    expect(signed.status).toBe(200);
    expect(signed.body.late).toBe(false);

    const twice = await call('POST', '/cycles/2026-scenario-2026/units/u01/pledge', { actor: headOf('u01') });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('PLEDGE_ALREADY_SIGNED');

    const unit = await call('GET', '/cycles/2026-scenario-2026/units/u01', { actor: headOf('u01') });
    expect(unit.status).toBe(200);
    expect(unit.body.workflow).toMatchObject({ phase: 'reporting', pledge: { signed: true, signedBy: 'head-u01' } });
    expect(unit.body.pledge).toMatchObject({ signedBy: 'head-u01', late: false });
    expect(await countRows('pledges', 'unit_id = $1', ['u01'])).toBe(1);
  });

  it("refuses a pledge signed by another unit's head", async () => {
    const response = await call('POST', '/cycles/2026-scenario-2026/units/u02/pledge', { actor: headOf('u03') });
    expect(response.status).toBe(403);
    expect(await countRows('pledges', 'unit_id = $1', ['u02'])).toBe(0);
  });

  it('fires a pending reminder exactly once after the worker crashes and a new one starts', async () => {
    await suite.worker?.close();
    const config = testConfig(suite.stack, 'pledge-suite');
    let child = await spawnWorkerProcess(config);
    const imported = await call('POST', '/cycles', {
      actor: admin,
      body: tinyScenario('Crash district', { pledgeDeadline: '12s', reminderOffsets: ['6s'] }),
    });
    const cycleId = (imported.body.cycle as { id: string }).id;
    await new Promise((done) => setTimeout(done, 1500));

    await crash(child);
    child = await spawnWorkerProcess(config);
    try {
      await eventually(
        async () => ((await countRows('escalations', 'cycle_id = $1', [cycleId])) === 2 ? true : undefined),
        { timeoutMs: 40_000 },
      );
      await new Promise((done) => setTimeout(done, 2000));
      const kinds = await suite.db.query(
        "SELECT unit_id, kind, count(*)::int AS n FROM notifications WHERE cycle_id = $1 AND key LIKE '%/pledge/%' GROUP BY unit_id, kind ORDER BY unit_id, kind",
        [cycleId],
      );
      expect(kinds.rows).toEqual([
        { unit_id: 'u-a', kind: 'deadline', n: 1 },
        { unit_id: 'u-a', kind: 'reminder', n: 1 },
        { unit_id: 'u-b', kind: 'deadline', n: 1 },
        { unit_id: 'u-b', kind: 'reminder', n: 1 },
      ]);
    } finally {
      await crash(child);
      suite.worker = await startWorker(config);
    }
  });
});
