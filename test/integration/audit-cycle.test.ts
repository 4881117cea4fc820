import { createHash } from 'node:crypto';
import type { AdminTaskView } from '@jiebang/contracts/http/admin';
import type { AuditEntryView } from '@jiebang/contracts/http/audit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/jiebang';
import { monthOneEndingAt, tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';

const HOUR_MS = 3_600_000;
const REPORT_WINDOW_MS = 60_000;
const REVIEW_DEADLINE_MS = 300_000;
const { admin, assessor, leadership, headOf, reporterOf } = ACTORS;

describe('the audit trail of a month close, a veto and a bulletin, and the pending steps of a month', () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  let cycleId: string;
  let monthEnds: number;

  beforeAll(async () => {
    suite = await startJiebangSuite('audit-cycle-suite');
    monthEnds = Date.now() + 8_000;
    const periods = monthOneEndingAt(monthEnds);
    const imported = await call('POST', '/cycles', {
      actor: assessor,
      body: tinyScenario('Audited month', {
        calendar: { periods },
        // u-b's head never signs: its pledge is overdue long before month 1's reports are due.
        pledgeDeadline: '2s',
        reportWindow: `${REPORT_WINDOW_MS / 1000}s`,
        reviewDeadline: `${REVIEW_DEADLINE_MS / 1000}s`,
        appealWindow: '2s',
        reminderOffsets: [],
      }),
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
    expect((await call('POST', `/cycles/${cycleId}/units/u-a/pledge`, { actor: headOf('u-a') })).status).toBe(200);
  });

  afterAll(async () => {
    await suite?.stop();
  });

  const audit = async (action: string): Promise<AuditEntryView[]> => {
    const response = await call('GET', `/audit?cycleId=${cycleId}&action=${action}`, { actor: admin });
    expect(response.status).toBe(200);
    return response.body.entries as AuditEntryView[];
  };
  const auditedOnce = (action: string) =>
    eventually(async () => ((await audit(action)).length > 0 ? audit(action) : undefined));

  it('records a veto with the assessor, the request, the reason and a digest of the evidence, in one go', async () => {
    const evidence = 'Inspection report 2026-17: unauthorised land use';
    const recorded = await call('POST', `/cycles/${cycleId}/vetoes`, {
      actor: assessor,
      body: { unitId: 'u-a', month: 1, reason: 'Major safety incident', evidence },
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const [row] = await audit('veto.recorded');
    expect(row).toMatchObject({
      actor: 'assessor-1',
      role: 'ASSESSOR',
      subject: `cycles/${cycleId}/units/u-a/vetoes/1`,
      unitId: 'u-a',
      reason: 'Major safety incident',
      requestId: recorded.headers.get('x-request-id'),
      change: {
        vetoId: recorded.body.id,
        month: 1,
        evidenceDigest: createHash('sha256').update(evidence).digest('hex'),
      },
    });

    const twice = await call('POST', `/cycles/${cycleId}/vetoes`, {
      actor: assessor,
      body: { unitId: 'u-a', month: 1, reason: 'Again' },
    });
    expect(twice.body).toMatchObject({ statusCode: 409, code: 'VETO_ALREADY_RECORDED' });
    expect(await audit('veto.recorded')).toHaveLength(1);
  });

  it('records a supervision item’s opening once, with the assessor’s request, though its workflow records it too', async () => {
    const deadline = new Date(Date.now() + HOUR_MS).toISOString();
    const opened = await call('POST', '/supervision-items', {
      actor: assessor,
      body: { cycleId, unitId: 'u-a', title: 'Land clearance', description: 'Stuck since March', deadline },
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const itemId = (opened.body.item as { id: string }).id;
    const [row] = await audit('supervision.opened');
    expect(row).toMatchObject({
      actor: 'assessor-1',
      role: 'ASSESSOR',
      subject: `cycles/${cycleId}/units/u-a/supervision/${itemId}`,
      reason: 'Stuck since March',
      requestId: opened.headers.get('x-request-id'),
    });
    const again = await call('POST', '/supervision-items', {
      actor: assessor,
      body: { cycleId, unitId: 'u-a', title: 'Land clearance', description: 'Stuck since March', deadline },
    });
    expect(again.body).toMatchObject({ created: false });
    const shown = await eventually(async () => {
      const detail = await call('GET', `/supervision-items/${itemId}`, { actor: assessor });
      return (detail.body.events as unknown[] | undefined)?.length ? detail.body : undefined;
    });
    expect((shown.events as Array<{ kind: string }>)[0].kind).toBe('opened');
    expect(await audit('supervision.opened')).toHaveLength(1);
  });

  it('lists the open month’s report submissions with their due date, overdue steps first', async () => {
    const reportsDue = new Date(monthEnds + REPORT_WINDOW_MS).toISOString();
    const tasks = await eventually(async () => {
      const response = await call('GET', `/admin/tasks?cycleId=${cycleId}`, { actor: admin });
      const listed = response.body.tasks as AdminTaskView[];
      return listed.filter((task) => task.step === 'report.submit').length === 2 &&
        listed.some((task) => task.step === 'month.close')
        ? listed
        : undefined;
    });
    // The pledge shields nothing: u-b's head never signed, and its report is awaited like u-a's.
    const submissions = tasks.filter((task) => task.step === 'report.submit');
    expect(submissions.sort((a, b) => String(a.unitId).localeCompare(String(b.unitId)))).toEqual(
      ['u-a', 'u-b'].map((unitId) => ({
        step: 'report.submit',
        role: 'UNIT_REPORTER',
        unitId,
        month: 1,
        dueAt: reportsDue,
        overdue: false,
        workflowId: `cycle-${cycleId}/unit-${unitId}`,
        workflowType: 'unitCycleWorkflow',
        cycleId,
      })),
    );
    expect(tasks.find((task) => task.step === 'month.close')).toMatchObject({
      role: 'ASSESSOR',
      month: 1,
      dueAt: new Date(monthEnds + REPORT_WINDOW_MS + REVIEW_DEADLINE_MS).toISOString(),
      workflowId: `cycle-${cycleId}`,
    });
    expect(tasks[0]).toMatchObject({ step: 'pledge.sign', unitId: 'u-b', overdue: true });
    expect(tasks.filter((task) => task.overdue)).toHaveLength(1);
  });

  it('records an assessor’s month close and the ranking it froze, as the cycle workflow’s', async () => {
    const closed = await call('POST', `/cycles/${cycleId}/months/1/close`, { actor: assessor });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const requestId = closed.headers.get('x-request-id');
    const [close] = await auditedOnce('month.closed');
    expect(close).toMatchObject({
      actor: 'assessor-1',
      role: 'ASSESSOR',
      subject: `cycles/${cycleId}/months/1`,
      cycleId,
      unitId: null,
      requestId,
      workflowId: `cycle-${cycleId}`,
      reason: expect.stringContaining('closed by an assessor'),
      change: { version: 1 },
    });
    expect(close.runId).toMatch(/^[0-9a-f-]{36}$/);
    const [frozen] = await audit('ranking.frozen');
    expect(frozen).toMatchObject({
      actor: 'assessor-1',
      requestId,
      subject: `cycles/${cycleId}/months/1/ranking`,
      workflowId: `cycle-${cycleId}`,
      change: { version: 1, supersedes: null },
    });
    const tasks = (await call('GET', `/admin/tasks?cycleId=${cycleId}`, { actor: admin })).body
      .tasks as AdminTaskView[];
    expect(tasks.filter((task) => task.step === 'month.close')).toEqual([]);

    // The ranking is frozen: u-a's report of the month no longer changes, before its workflow hears of it too.
    const late = await call('PUT', `/cycles/${cycleId}/units/u-a/reports/1`, {
      actor: reporterOf('u-a'),
      body: { values: { 'u-a-invest': 1 } },
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('MONTH_CLOSED');
  });

  it('records the month made final by the workflow, then LEADERSHIP publishing its bulletin', async () => {
    const [finalised] = await auditedOnce('ranking.finalised');
    expect(finalised).toMatchObject({
      actor: 'system:workflow',
      role: null,
      workflowId: `cycle-${cycleId}`,
      change: { version: 1, appeals: 0 },
    });
    // Made final with it: every report not approved is missed, each with its own row (u-b never signed; u-a never submitted).
    const missed = await audit('report.missed');
    expect(missed.map((row) => row.subject).sort()).toEqual([
      `cycles/${cycleId}/units/u-a/reports/1`,
      `cycles/${cycleId}/units/u-b/reports/1`,
    ]);
    expect(missed.map((row) => row.workflowId)).toEqual([`cycle-${cycleId}`, `cycle-${cycleId}`]);
    const statuses = await suite.db.query(
      'SELECT unit_id, status FROM reports WHERE cycle_id = $1 AND month = 1 ORDER BY unit_id',
      [cycleId],
    );
    expect(statuses.rows).toEqual([
      { unit_id: 'u-a', status: 'missed' },
      { unit_id: 'u-b', status: 'missed' },
    ]);
    await auditedOnce('outcomes.delivered');
    const publishable = await eventually(async () => {
      const tasks = (await call('GET', `/admin/tasks?cycleId=${cycleId}&role=LEADERSHIP`, { actor: admin })).body
        .tasks as AdminTaskView[];
      return tasks.length > 0 ? tasks : undefined;
    });
    expect(publishable).toEqual([
      expect.objectContaining({ step: 'bulletin.publish', month: 1, dueAt: null, workflowId: `cycle-${cycleId}` }),
    ]);

    const published = await call('POST', `/cycles/${cycleId}/months/1/bulletin`, { actor: leadership });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const [row] = await auditedOnce('bulletin.published');
    expect(row).toMatchObject({
      actor: 'leader-1',
      role: 'LEADERSHIP',
      subject: `cycles/${cycleId}/months/1/bulletin`,
      requestId: published.headers.get('x-request-id'),
      workflowId: `cycle-${cycleId}`,
      change: { version: 1 },
    });
    const verified = await call('GET', '/audit/verify', { actor: admin });
    expect(verified.body).toMatchObject({ ok: true });
  });
});
