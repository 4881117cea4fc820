import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/jiebang';
import { monthOneEndingAt, tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';

const { assessor, reporterOf } = ACTORS;

/**
 * Drafts are saved by the API straight to the stored report (issue 15: a save at 200 requests a
 * second), under the same rules the unit's workflow applies; the workflow takes the submission.
 */
describe('report drafts saved straight to the stored report', () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  let cycleId: string;
  let monthEnds: number;
  let dueAt: number;
  const report = (unit: string) => `/cycles/${cycleId}/units/${unit}/reports/1`;
  const texts = { progress: '完成投资1200万元', problems: '用地报批滞后', nextSteps: '加快供地' };
  const draftAuditRows = async (unitId: string) =>
    (
      await suite.db.query(
        `SELECT actor_id, workflow_id, change FROM audit_log WHERE action = 'report.draft_saved' AND cycle_id = $1 AND unit_id = $2 ORDER BY seq`,
        [cycleId, unitId],
      )
    ).rows as Array<{ actor_id: string; workflow_id: string | null; change: Record<string, unknown> }>;

  beforeAll(async () => {
    suite = await startJiebangSuite('report-drafts-suite');
    monthEnds = Date.now() + 6_000;
    const imported = await call('POST', '/cycles', {
      actor: assessor,
      body: tinyScenario('Draft district', {
        calendar: { periods: monthOneEndingAt(monthEnds) },
        reportWindow: '40s',
        reviewDeadline: '300s',
        reminderOffsets: [],
        headConfirmation: false,
      }),
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
    dueAt = monthEnds + 40_000;
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it('saves a draft with its audit row, keeps it through the workflow’s own changes, and submits its texts', async () => {
    await eventually(async () =>
      (await call('GET', report('u-a'), { actor: reporterOf('u-a') })).status === 200 ? true : undefined,
    );
    const saved = await call('PUT', report('u-a'), {
      actor: reporterOf('u-a'),
      body: { values: { 'u-a-invest': 1200 }, texts, submit: false },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ status: 'draft', values: { 'u-a-invest': 1200 }, texts });
    // The API wrote it, not the workflow: its audit row names the person and no workflow.
    expect(await draftAuditRows('u-a')).toEqual([
      {
        actor_id: 'reporter-u-a',
        workflow_id: null,
        change: { status: 'draft', values: { 'u-a-invest': 1200 }, texts, late: false },
      },
    ]);
    const unit = await call('GET', `/cycles/${cycleId}/units/u-a`, { actor: reporterOf('u-a') });
    expect((unit.body.workflow as { reports: unknown[] }).reports[0]).toMatchObject({
      month: 1,
      status: 'draft',
      values: { 'u-a-invest': 1200 },
      texts,
    });

    // The workflow records an extension asked and refused: the draft and its status stay.
    const asked = await call('POST', `${report('u-a')}/extension`, {
      actor: reporterOf('u-a'),
      body: { until: new Date(dueAt + 10_000).toISOString(), reason: 'The statistics bureau publishes late' },
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    const refused = await call('POST', `${report('u-a')}/extension/decision`, {
      actor: assessor,
      body: { approve: false, comment: 'Report what you have' },
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    const stored = await call('GET', report('u-a'), { actor: reporterOf('u-a') });
    expect(stored.body).toMatchObject({ status: 'draft', values: { 'u-a-invest': 1200 }, texts });

    // Submitted without texts, the report carries the drafted ones.
    const submitted = await call('PUT', report('u-a'), {
      actor: reporterOf('u-a'),
      body: { values: { 'u-a-invest': 1300 } },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', values: { 'u-a-invest': 1300 }, texts });
  });

  it('refuses a draft of a submitted report, changing nothing', async () => {
    const late = await call('PUT', report('u-a'), {
      actor: reporterOf('u-a'),
      body: { values: { 'u-a-invest': 9999 }, submit: false },
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('REPORT_NOT_EDITABLE');
    const stored = await call('GET', report('u-a'), { actor: assessor });
    expect(stored.body).toMatchObject({ status: 'submitted', values: { 'u-a-invest': 1300 } });
    expect(await draftAuditRows('u-a')).toHaveLength(1);
  });

  it('refuses a draft with bad values the way the workflow does', async () => {
    const foreign = await call('PUT', report('u-b'), {
      actor: reporterOf('u-b'),
      body: { values: { 'u-b-invest': 1, 'u-a-invest': 2 }, submit: false },
    });
    expect(foreign.status).toBe(400);
    expect(String(foreign.body.message)).toContain('u-a-invest: not an indicator of this unit');
    expect(await draftAuditRows('u-b')).toHaveLength(0);
  });

  it('refuses a draft once the month is ranked, changing nothing', async () => {
    const approved = await call('POST', `${report('u-a')}/review`, { actor: assessor, body: { decision: 'approve' } });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    // Closed now (the assessor's own step) rather than by waiting out the 40 s window: u-b's report counts as missed.
    await eventually(async () => {
      const closed = await call('POST', `/cycles/${cycleId}/months/1/close`, { actor: assessor });
      return closed.status < 300 ? true : undefined;
    });
    await eventually(async () => {
      const { rows } = await suite.db.query('SELECT 1 FROM month_rankings WHERE cycle_id = $1 AND month = 1', [
        cycleId,
      ]);
      return rows.length > 0 ? true : undefined;
    });
    const closed = await call('PUT', report('u-b'), {
      actor: reporterOf('u-b'),
      body: { values: { 'u-b-invest': 500 }, submit: false },
    });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('MONTH_CLOSED');
    const stored = await call('GET', report('u-b'), { actor: assessor });
    expect(stored.body).toMatchObject({ values: null });
    expect(await draftAuditRows('u-b')).toHaveLength(0);
  });
});
