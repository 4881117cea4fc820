import { setTimeout as sleep } from 'node:timers/promises';
import { Client as PgClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ACTORS } from '../support/suite';
import { clusterClient, compressedDistrict, importAndPledge, inLanes, killReplica, untilDone } from './support';

const UNITS = 24;
/** What the cluster may answer while an API instance is gone: the proxy's and the API's own 503s. */
const UNAVAILABLE_CODES = ['API_INSTANCE_LOST', 'API_UNAVAILABLE', 'WORKFLOW_UNAVAILABLE', 'REQUEST_TIMEOUT'];

describe('two API instances behind one port', () => {
  let db: PgClient;
  beforeAll(async () => {
    db = new PgClient({ connectionString: inject('cluster').databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
  });

  it('answers every retried submission correctly when one API instance is killed during a burst', async () => {
    const client = clusterClient();
    const { district } = compressedDistrict('API killed in a burst', UNITS, 8_000);
    const cycleId = await importAndPledge(client, district);
    const reports = district.reportsOf(1);
    const report = (unitId: string) => `/cycles/${cycleId}/units/${unitId}/reports/1`;
    // The reporting window opens as month 1 ends.
    await untilDone(
      'the reporting window',
      async () => (await client.attempt('GET', report(district.unitIds[0]!), ACTORS.assessor))?.status === 200,
    );

    const firstAnswer = client.answers.length;
    let submitted = 0;
    const burst = inLanes(district.unitIds, async (unitId) => {
      await untilDone(`submission of ${unitId}`, async () => {
        const read = await client.attempt('GET', report(unitId), ACTORS.reporterOf(unitId));
        if (read === undefined) return false;
        if (read.status === 200 && !['draft', 'open', 'not_submitted'].includes(String(read.body.status))) return true;
        const sent = await client.attempt('PUT', report(unitId), ACTORS.reporterOf(unitId), {
          values: reports[unitId],
          submit: true,
        });
        if (sent?.status === 200) submitted++;
        return false;
      });
    });
    // api-1 dies as a crash would while the burst is under way.
    while (submitted < 4) await sleep(50);
    await killReplica('api-1');
    await burst;

    const answers = client.answers.slice(firstAnswer);
    const refused = answers.filter((answer) => answer.status !== 200);
    for (const answer of refused) {
      expect(answer.status, JSON.stringify(answer)).toBe(503);
      expect(UNAVAILABLE_CODES, JSON.stringify(answer)).toContain(answer.code);
    }
    const statuses = await db.query('SELECT unit_id, status FROM reports WHERE cycle_id = $1 AND month = 1', [cycleId]);
    expect(statuses.rows).toHaveLength(UNITS);
    const submissions = await db.query(
      `SELECT subject, count(*)::int AS n FROM audit_log WHERE cycle_id = $1 AND action IN ('report.submitted', 'report.submitted_to_head') GROUP BY subject`,
      [cycleId],
    );
    expect(submissions.rows).toHaveLength(UNITS);
    expect(submissions.rows.filter((row: { n: number }) => row.n !== 1)).toEqual([]);
  });
});
