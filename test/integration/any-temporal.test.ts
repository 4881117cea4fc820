import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SEARCH_ATTRIBUTES } from '@jiebang/contracts/search-attributes';
import { freePort } from '@jiebang/devstack/free-port';
import { startTemporalDevServer, type TemporalDevServer } from '@jiebang/devstack/temporal-dev-server';
import { eventually, httpClient, startApi, startWorker, testConfig } from '../support/jiebang';
import { tinyScenario } from '../support/scenarios';
import { startSuiteDatabase, type SuiteDatabase } from '../support/stack';
import { ACTORS } from '../support/suite';

/**
 * A Temporal server that knows nothing of Jiebang (no `--search-attribute` flags, as a
 * production cluster would be): the worker and the API register what they need at start.
 */
describe('the stack on a Temporal server started without our search attributes', () => {
  let temporal: TemporalDevServer;
  let postgres: SuiteDatabase;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let call: ReturnType<typeof httpClient>;
  let connection: Connection;

  beforeAll(async () => {
    [temporal, postgres] = await Promise.all([
      startTemporalDevServer({ cli: inject('temporalCli'), port: await freePort(), searchAttributes: [] }),
      startSuiteDatabase(),
    ]);
    connection = await Connection.connect({ address: temporal.address });
  });

  afterAll(async () => {
    await connection?.close();
    await api?.close();
    await worker?.close();
    await Promise.allSettled([temporal?.stop(), postgres?.stop()]);
  });

  const customAttributes = async () =>
    Object.keys(
      (await connection.operatorService.listSearchAttributes({ namespace: 'default' })).customAttributes ?? {},
    );

  it('starts bare, and the worker and API register the search attributes, then run a cycle filtered by them', async () => {
    expect(await customAttributes()).not.toContain('CycleId');

    const config = testConfig({ temporalAddress: temporal.address, databaseUrl: postgres.url }, 'any-temporal');
    worker = await startWorker(config);
    const started = await startApi(config);
    api = started.app;
    call = httpClient(started.baseUrl);
    expect(await customAttributes()).toEqual(expect.arrayContaining(SEARCH_ATTRIBUTES.map(({ name }) => name)));

    const imported = await call('POST', '/cycles', { actor: ACTORS.assessor, body: tinyScenario('Bare server') });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const cycleId = (imported.body.cycle as { id: string }).id;
    const listed = await eventually(async () => {
      const found: string[] = [];
      for await (const workflow of new Client({ connection }).workflow.list({
        query: `CycleId = '${cycleId}' AND UnitId = 'u-a'`,
      }))
        found.push(workflow.workflowId);
      return found.length > 0 ? found : undefined;
    });
    expect(listed).toHaveLength(1);
  });
});
