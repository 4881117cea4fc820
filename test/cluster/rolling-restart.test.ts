import { Client as PgClient } from 'pg';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ACTORS } from '../support/suite';
import {
  clusterClient,
  compressedDistrict,
  ensureApproved,
  ensureFinal,
  expectedMonthOne,
  importAndPledge,
  inLanes,
  rankingOfMonthOne,
  restartReplica,
} from './support';

const UNITS = 10;

describe('a rolling restart of the workers', () => {
  it('closes the month it restarts under, one worker at a time, as if nothing happened', async () => {
    const client = clusterClient();
    const { district } = compressedDistrict('Rolling restart at the close', UNITS, 8_000);
    const cycleId = await importAndPledge(client, district);
    const reports = district.reportsOf(1);
    await inLanes(district.unitIds, (unitId) => ensureApproved(client, cycleId, unitId, reports[unitId]!));

    // worker-1 goes down for its upgrade, the assessors close the month, worker-1 comes back,
    // then worker-2 goes down and comes back; the close runs across both.
    await restartReplica('worker-1');
    const closing = client.attempt('POST', `/cycles/${cycleId}/months/1/close`, ACTORS.assessor);
    await restartReplica('worker-2');
    await closing;
    await ensureFinal(client, cycleId);

    expect(await rankingOfMonthOne(client, cycleId)).toEqual(expectedMonthOne(district));
    const db = new PgClient({ connectionString: inject('cluster').databaseUrl });
    await db.connect();
    try {
      const scores = await db.query(
        'SELECT unit_id, count(*)::int AS n FROM month_scores WHERE cycle_id = $1 AND month = 1 GROUP BY unit_id ORDER BY unit_id',
        [cycleId],
      );
      expect(scores.rows).toEqual(district.unitIds.map((unitId) => ({ unit_id: unitId, n: 1 })));
      const doubled = await db.query(
        `SELECT action, subject FROM audit_log WHERE cycle_id = $1 AND action IN ('month.closed', 'report.approved', 'case.opened')
         GROUP BY action, subject HAVING count(*) > 1`,
        [cycleId],
      );
      expect(doubled.rows).toEqual([]);
    } finally {
      await db.end();
    }
  });
});
