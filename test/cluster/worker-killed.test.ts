import { Client as PgClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  killReplica,
  rankingOfMonthOne,
  workerPollers,
} from './support';

const UNITS = 12;

describe('two workers on the production Temporal server', () => {
  let db: PgClient;
  beforeAll(async () => {
    db = new PgClient({ connectionString: inject('cluster').databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
  });

  it('closes a month when one worker is killed in the middle of it, every outcome recorded once', async () => {
    const client = clusterClient();
    const { district } = compressedDistrict('Worker killed mid-month', UNITS, 10_000);
    const cycleId = await importAndPledge(client, district);
    const reports = district.reportsOf(1);
    const half = Math.ceil(UNITS / 2);

    // Half the district reports and is approved; then worker-1 dies as a crash would, and
    // worker-2 alone takes the rest of the month: the other reports, the close, the ranking.
    await inLanes(district.unitIds.slice(0, half), (unitId) =>
      ensureApproved(client, cycleId, unitId, reports[unitId]!),
    );
    await killReplica('worker-1');
    await inLanes(district.unitIds.slice(half), (unitId) => ensureApproved(client, cycleId, unitId, reports[unitId]!));
    await ensureFinal(client, cycleId);
    // worker-2 still polls every task queue after carrying the month alone (the alert to set on
    // temporal_num_pollers: a worker that stopped polling once looked alive here).
    const pollers = await workerPollers(1);
    expect(pollers?.workflow_task).toBeGreaterThan(0);
    expect(pollers?.activity_task).toBeGreaterThan(0);

    expect(await rankingOfMonthOne(client, cycleId)).toEqual(expectedMonthOne(district));
    const scores = await db.query(
      'SELECT unit_id, count(*)::int AS n FROM month_scores WHERE cycle_id = $1 AND month = 1 GROUP BY unit_id ORDER BY unit_id',
      [cycleId],
    );
    expect(scores.rows).toEqual(district.unitIds.map((unitId) => ({ unit_id: unitId, n: 1 })));
    const approvals = await db.query(
      `SELECT subject, count(*)::int AS n FROM audit_log WHERE cycle_id = $1 AND action = 'report.approved' GROUP BY subject`,
      [cycleId],
    );
    expect(approvals.rows).toHaveLength(UNITS);
    expect(approvals.rows.filter((row: { n: number }) => row.n !== 1)).toEqual([]);
    const doubled = await db.query(
      `SELECT action, subject FROM audit_log WHERE cycle_id = $1 AND action IN ('report.submitted', 'report.submitted_to_head', 'report.confirmed', 'case.opened')
       GROUP BY action, subject HAVING count(*) > 1`,
      [cycleId],
    );
    expect(doubled.rows).toEqual([]);
    const notifications = await db.query(
      'SELECT key FROM notifications WHERE cycle_id = $1 GROUP BY key HAVING count(*) > 1',
      [cycleId],
    );
    expect(notifications.rows).toEqual([]);
    const verified = await client.call('GET', '/audit/verify', { actor: ACTORS.admin });
    expect(verified.body).toMatchObject({ ok: true, firstBreak: null });
  });
});
