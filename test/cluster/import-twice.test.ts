import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { cycleWorkflowId, unitCycleWorkflowId } from '@jiebang/contracts';
import { httpClient } from '../support/jiebang';
import { ACTORS } from '../support/suite';
import { compressedDistrict, untilDone } from './support';

describe('two API instances started together', () => {
  it('start one cycle and one set of workflows when the same import reaches both at once', async () => {
    const cluster = inject('cluster');
    // Both instances up (one may be coming back from another test's crash).
    for (const url of cluster.apiUrls)
      await untilDone(
        `${url}/health/live`,
        async () => (await fetch(`${url}/health/live`).catch(() => undefined))?.status === 200,
      );
    const { district } = compressedDistrict('Imported twice at once', 6, 3_600_000);
    const [first, second] = await Promise.all(
      cluster.apiUrls.map((url) =>
        httpClient(url, cluster.databaseUrl)('POST', '/cycles', { actor: ACTORS.assessor, body: district.scenario }),
      ),
    );
    // One stored the cycle, the other found it stored.
    expect([first!.status, second!.status].sort(), JSON.stringify([first!.body, second!.body])).toEqual([200, 201]);
    // Each unit's workflow was started by one of them: the other's start found it running.
    expect(Number(first!.body.workflowsStarted) + Number(second!.body.workflowsStarted)).toBe(district.unitIds.length);
    const cycleId = (first!.body.cycle as { id: string }).id;
    expect((second!.body.cycle as { id: string }).id).toBe(cycleId);

    const db = new PgClient({ connectionString: cluster.databaseUrl });
    await db.connect();
    try {
      const cycles = await db.query('SELECT id FROM cycles WHERE name = $1', [district.scenario.name]);
      expect(cycles.rows).toEqual([{ id: cycleId }]);
    } finally {
      await db.end();
    }

    const connection = await Connection.connect({ address: cluster.temporalAddress });
    try {
      const temporal = new TemporalClient({ connection });
      const expected = [
        cycleWorkflowId(cycleId),
        ...district.unitIds.map((unitId) => unitCycleWorkflowId(cycleId, unitId)),
      ].sort();
      let runs: Array<{ workflowId: string; runId: string }> = [];
      await untilDone('the workflows in visibility', async () => {
        runs = [];
        for await (const run of temporal.workflow.list({ query: `CycleId = '${cycleId}'` }))
          runs.push({ workflowId: run.workflowId, runId: run.runId });
        return new Set(runs.map((run) => run.workflowId)).size >= expected.length;
      });
      expect(runs.map((run) => run.workflowId).sort()).toEqual(expected);
    } finally {
      await connection.close();
    }
  });
});
