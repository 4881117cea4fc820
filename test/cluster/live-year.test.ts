import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { httpClient } from '../support/jiebang';
import { runExampleYearLive } from '../support/live-year';
import { atFullStrength } from './support';

/**
 * The year of annual-cycle.test.ts, unchanged (the same driver and assertions,
 * test/support/live-year.ts), on the production topology: through the proxy in front of two
 * API instances, two workers, the Temporal server on Postgres with 16 history shards.
 */
describe('a whole year on the cluster equals `jiebang simulate`', () => {
  let db: PgClient;
  let temporal: Client;

  beforeAll(async () => {
    const cluster = inject('cluster');
    db = new PgClient({ connectionString: cluster.databaseUrl });
    await db.connect();
    temporal = new Client({ connection: await Connection.connect({ address: cluster.temporalAddress }) });
    // A replica another test killed is started again after a pause: the year starts with all four.
    await atFullStrength();
  });

  afterAll(async () => {
    await temporal?.connection.close();
    await db?.end();
  });

  it('runs the example district month by month through the proxy and ends with the simulated ranks, cases and results', async () => {
    const cluster = inject('cluster');
    await runExampleYearLive({
      call: httpClient(cluster.baseUrl, cluster.databaseUrl),
      query: async (sql, params) => (await db.query(sql, params)).rows,
      temporal,
      label: '[cluster year]',
    });
  }, 600_000);
});
