import { MockActivityEnvironment } from '@temporalio/testing';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_MAX_BYTES, unitCycleWorkflowId } from '@jiebang/contracts';
import { monthOutcomeSignal } from '@jiebang/contracts/temporal';
import { openDatabase } from '@jiebang/persistence';
import { createCycleActivities } from '../../activities/cycle.activities';
import { eventually } from '../support/jiebang';
import { monthOneEndingAt, tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';

const { assessor, headOf, reporterOf } = ACTORS;

/** A scanned page: a PDF as far as its first bytes go. */
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('项目台账 第一季度 '.repeat(200))]);

/**
 * A fair month and a complete report (issue 12): the head confirms, the report carries texts and
 * evidence, the month waits for a slow review, and a unit that never signs still gets its cases.
 */
describe('a fair month and a complete report', () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  const count = async (sql: string, params: unknown[]) => Number((await suite.db.query(sql, params)).rows[0].n);
  let cycleId: string;
  let monthEnds: number;
  let dueAt: number;
  let reviewDueAt: number;

  const scenario = (name: string, periods: Array<{ start: string; end: string }>) => {
    const document = tinyScenario(name, {
      calendar: { periods },
      pledgeDeadline: '3s',
      reminderOffsets: ['2s'],
      reportWindow: '8s',
      reviewDeadline: '4s',
      appealWindow: '1s',
    });
    document.units = [
      { id: 'u-a', name: '区发改局', category: 'econ', head: 'head-u-a', deputy: 'deputy-u-a' },
      { id: 'u-b', name: '区商务局', category: 'econ', head: 'head-u-b', deputy: 'deputy-u-b' },
    ];
    const indicators = document.indicators as Array<Record<string, unknown>>;
    indicators[0] = { ...indicators[0], basis: 'continuous', cooperating: ['u-b'] };
    indicators[1] = { ...indicators[1], basis: 'zero' };
    return document;
  };

  beforeAll(async () => {
    suite = await startJiebangSuite('month-suite');
    monthEnds = Date.now() + 8_000;
    dueAt = monthEnds + 8_000;
    reviewDueAt = dueAt + 4_000;
    const imported = await call('POST', '/cycles', {
      actor: assessor,
      body: scenario('Fair district', monthOneEndingAt(monthEnds)),
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
    // Only u-a's head signs; u-b's never does.
    expect((await call('POST', `/cycles/${cycleId}/units/u-a/pledge`, { actor: headOf('u-a') })).status).toBe(200);
  });

  afterAll(async () => {
    await suite?.stop();
  });

  const report = (unit: string) => `/cycles/${cycleId}/units/${unit}/reports/1`;

  it('keeps every field of the import, and refuses reports and vetoes it would otherwise drop', async () => {
    const units = await suite.db.query('SELECT id, head, deputy FROM units WHERE cycle_id = $1 ORDER BY id', [cycleId]);
    expect(units.rows).toEqual([
      { id: 'u-a', head: 'head-u-a', deputy: 'deputy-u-a' },
      { id: 'u-b', head: 'head-u-b', deputy: 'deputy-u-b' },
    ]);
    const indicators = await suite.db.query(
      'SELECT id, unit_id, basis, cooperating FROM indicators WHERE cycle_id = $1 ORDER BY id',
      [cycleId],
    );
    expect(indicators.rows).toEqual([
      { id: 'u-a-invest', unit_id: 'u-a', basis: 'continuous', cooperating: ['u-b'] },
      { id: 'u-b-invest', unit_id: 'u-b', basis: 'zero', cooperating: [] },
    ]);

    const unit = await call('GET', `/cycles/${cycleId}/units/u-a`, { actor: assessor });
    expect(unit.body).toMatchObject({
      head: 'head-u-a',
      deputy: 'deputy-u-a',
      indicators: [{ id: 'u-a-invest', basis: 'continuous', cooperating: ['u-b'] }],
    });

    const withHistory = scenario('History district', monthOneEndingAt(Date.now() + 3_600_000));
    withHistory.reports = { 'u-a': { '1': { 'u-a-invest': 1000 } } };
    withHistory.vetoes = [{ unit: 'u-b', month: 1, reason: '安全生产事故' }];
    const refused = await call('POST', '/cycles', { actor: assessor, body: withHistory });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('SCENARIO_HISTORY_NOT_IMPORTED');
    expect((refused.body.details as Array<{ path: string }>).map((problem) => problem.path)).toEqual([
      'reports.u-a',
      'vetoes[0]',
    ]);
    expect(await count(`SELECT count(*) AS n FROM cycles WHERE name = 'History district'`, [])).toBe(0);
  });

  it('addresses a supervision item about an indicator to its cooperating unit, and to no stranger', async () => {
    const item = (unitId: string, indicatorId: string) => ({
      cycleId,
      unitId,
      indicatorId,
      title: `Land for the park (${unitId})`,
      description: 'The land handover is stuck',
      deadline: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const cooperating = await call('POST', '/supervision-items', { actor: assessor, body: item('u-b', 'u-a-invest') });
    expect(cooperating.status, JSON.stringify(cooperating.body)).toBe(201);
    expect(cooperating.body).toMatchObject({ item: { unitId: 'u-b', indicatorId: 'u-a-invest' } });
    const stranger = await call('POST', '/supervision-items', { actor: assessor, body: item('u-a', 'u-b-invest') });
    expect(stranger.status).toBe(400);
    expect(String(stranger.body.message)).toContain('neither leads nor cooperates');
  });

  it('takes texts and evidence, refusing a file too large or of a refused type without storing it', async () => {
    await sleepUntil(monthEnds + 300);
    const texts = { progress: '完成投资1500万元', problems: '用地报批滞后', nextSteps: '加快供地' };
    const draft = await call('PUT', report('u-a'), {
      actor: reporterOf('u-a'),
      body: { values: { 'u-a-invest': 1500 }, texts, submit: false },
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    const tooLong = await call('PUT', report('u-a'), {
      actor: reporterOf('u-a'),
      body: { values: { 'u-a-invest': 1500 }, texts: { ...texts, problems: '问'.repeat(4001) }, submit: false },
    });
    expect(tooLong.status).toBe(400);

    const evidence = `${report('u-a')}/evidence`;
    const upload = (body: Uint8Array, type: string, name: string, actor = reporterOf('u-a')) =>
      call('POST', `${evidence}?name=${encodeURIComponent(name)}`, {
        actor,
        rawBody: body,
        headers: { 'content-type': type },
      });
    const tooLarge = await upload(Buffer.alloc(EVIDENCE_MAX_BYTES + 1, 0x25), 'application/pdf', 'big.pdf');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.code).toBe('EVIDENCE_TOO_LARGE');
    const script = await upload(Buffer.from('#!/bin/sh\nrm -rf /'), 'application/x-sh', 'run.sh');
    expect(script.status).toBe(415);
    expect(script.body.code).toBe('EVIDENCE_TYPE_REFUSED');
    const disguised = await upload(Buffer.from('not a pdf at all'), 'application/pdf', 'scan.pdf');
    expect(disguised.status).toBe(415);
    const otherUnit = await upload(PDF, 'application/pdf', 'scan.pdf', reporterOf('u-b'));
    expect(otherUnit.status).toBe(403);
    expect(await count('SELECT count(*) AS n FROM evidence_files WHERE cycle_id = $1', [cycleId])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM evidence_blobs', [])).toBe(0);

    const uploaded = await upload(PDF, 'application/pdf', '项目台账.pdf');
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    expect(uploaded.body).toMatchObject({
      fileName: '项目台账.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
      uploadedBy: 'reporter-u-a',
    });

    const mistaken = await upload(PDF, 'application/pdf', 'wrong-month.pdf');
    const removed = await call('DELETE', `${evidence}/${String(mistaken.body.id)}`, { actor: reporterOf('u-a') });
    expect(removed.status).toBe(204);
    const listed = await call('GET', evidence, { actor: reporterOf('u-a') });
    expect((listed.body as unknown as Array<{ fileName: string }>).map((file) => file.fileName)).toEqual([
      '项目台账.pdf',
    ]);
    expect(await count('SELECT count(*) AS n FROM evidence_blobs', [])).toBe(1);
  });

  it('has the head send a report back with a comment, once, and confirm the resubmission', async () => {
    // u-b's report goes to its head too, who never confirms it: reminded, it never reaches the assessors.
    const unconfirmed = await call('PUT', report('u-b'), {
      actor: reporterOf('u-b'),
      body: { values: { 'u-b-invest': 900 } },
    });
    expect(unconfirmed.body).toMatchObject({ status: 'awaiting_confirmation' });
    const submitted = await call('PUT', report('u-a'), {
      actor: reporterOf('u-a'),
      body: { values: { 'u-a-invest': 1500 }, submit: true },
    });
    expect(submitted.body).toMatchObject({ status: 'awaiting_confirmation', texts: { progress: '完成投资1500万元' } });

    const byReporter = await call('POST', `${report('u-a')}/confirmation`, {
      actor: reporterOf('u-a'),
      body: { decision: 'confirm' },
    });
    expect(byReporter.status).toBe(403);
    const byOtherHead = await call('POST', `${report('u-a')}/confirmation`, {
      actor: headOf('u-b'),
      body: { decision: 'confirm' },
    });
    expect(byOtherHead.status).toBe(403);
    const silent = await call('POST', `${report('u-a')}/confirmation`, {
      actor: headOf('u-a'),
      body: { decision: 'send_back' },
    });
    expect(silent.status).toBe(400);

    const sentBack = await call('POST', `${report('u-a')}/confirmation`, {
      actor: headOf('u-a'),
      body: { decision: 'send_back', comment: '请补充用地报批进度' },
    });
    expect(sentBack.body).toMatchObject({ status: 'sent_back', headComment: '请补充用地报批进度' });
    const twice = await call('POST', `${report('u-a')}/confirmation`, {
      actor: headOf('u-a'),
      body: { decision: 'send_back', comment: 'again' },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('REPORT_NOT_AWAITING_CONFIRMATION');
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'report.sent_back'`, [])).toBe(1);

    const resubmitted = await call('PUT', report('u-a'), {
      actor: reporterOf('u-a'),
      body: {
        values: { 'u-a-invest': 1500 },
        texts: { progress: '完成投资1500万元', problems: '用地报批滞后，已报市局', nextSteps: '加快供地' },
      },
    });
    expect(resubmitted.body).toMatchObject({ status: 'awaiting_confirmation' });
    const confirmed = await call('POST', `${report('u-a')}/confirmation`, {
      actor: headOf('u-a'),
      body: { decision: 'confirm' },
    });
    expect(confirmed.body).toMatchObject({ status: 'submitted', confirmedBy: 'head-u-a', late: false });
  });

  it('shows the assessor the texts and the evidence, which downloads with its checksum', async () => {
    const stored = await call('GET', report('u-a'), { actor: assessor });
    expect(stored.body).toMatchObject({
      status: 'submitted',
      texts: { problems: '用地报批滞后，已报市局' },
      evidence: [{ fileName: '项目台账.pdf', sizeBytes: PDF.length }],
    });
    const file = (stored.body.evidence as Array<{ id: string; sha256: string }>)[0]!;
    const download = await call('GET', `${report('u-a')}/evidence/${file.id}`, { actor: assessor });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-sha256')).toBe(file.sha256);
    const bytes = download.bytes ?? Buffer.alloc(0);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    expect(bytes.equals(PDF)).toBe(true);
    // What a unit person may not see does not exist for them.
    const otherUnit = await call('GET', `${report('u-a')}/evidence/${file.id}`, { actor: reporterOf('u-b') });
    expect(otherUnit.status).toBe(404);
  });

  it('refuses "close now" while a review is pending, naming it, and ranks nothing', async () => {
    await sleepUntil(dueAt + 500);
    const refused = await call('POST', `/cycles/${cycleId}/months/1/close`, { actor: assessor });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('REVIEWS_PENDING');
    expect(String(refused.body.message)).toContain('u-a (review)');
    expect(refused.body.details).toEqual([expect.objectContaining({ unitId: 'u-a', waitingFor: 'review' })]);
    expect(await count('SELECT count(*) AS n FROM month_rankings WHERE cycle_id = $1', [cycleId])).toBe(0);
  });

  it('reminds the assessors, escalates the late review to LEADERSHIP once, and waits for it', async () => {
    await sleepUntil(reviewDueAt + 1_500);
    const notices = await suite.db.query(
      `SELECT kind, recipient_role FROM notifications WHERE cycle_id = $1 AND key LIKE '%/u-a/report/m1/review/%' ORDER BY kind`,
      [cycleId],
    );
    expect(notices.rows).toEqual([
      { kind: 'escalation', recipient_role: 'LEADERSHIP' },
      { kind: 'reminder', recipient_role: 'ASSESSOR' },
    ]);
    expect(
      await count(`SELECT count(*) AS n FROM escalations WHERE cycle_id = $1 AND addressed_to = 'LEADERSHIP'`, [
        cycleId,
      ]),
    ).toBe(1);
    const headReminders = await suite.db.query(
      `SELECT kind, recipient_role FROM notifications WHERE cycle_id = $1 AND key LIKE '%/u-b/report/m1/confirmation/%'`,
      [cycleId],
    );
    expect(headReminders.rows).toEqual([{ kind: 'reminder', recipient_role: 'UNIT_HEAD' }]);
    expect(await count('SELECT count(*) AS n FROM month_rankings WHERE cycle_id = $1', [cycleId])).toBe(0);
    const reports = await suite.db.query('SELECT unit_id, status FROM reports WHERE cycle_id = $1 ORDER BY unit_id', [
      cycleId,
    ]);
    expect(reports.rows).toEqual([
      { unit_id: 'u-a', status: 'submitted' },
      { unit_id: 'u-b', status: 'missed' },
    ]);
  });

  it('counts the report reviewed after the deadline with its values, and opens the unsigned unit its cases', async () => {
    const approved = await call('POST', `${report('u-a')}/review`, { actor: assessor, body: { decision: 'approve' } });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);

    const scores = await eventually(async () => {
      const { rows } = await suite.db.query(
        'SELECT unit_id, score, reported, lagging FROM month_scores WHERE cycle_id = $1 AND month = 1 ORDER BY unit_id',
        [cycleId],
      );
      return rows.length === 2 ? rows : undefined;
    });
    expect(scores[0]).toMatchObject({ unit_id: 'u-a', reported: true, lagging: false });
    expect(scores[0].score).toBeGreaterThan(0);
    expect(scores[1]).toMatchObject({ unit_id: 'u-b', reported: false, lagging: true, score: 0 });

    const cases = await eventually(
      async () => {
        const { rows } = await suite.db.query('SELECT rung, unit_id, concerns FROM cases WHERE cycle_id = $1', [
          cycleId,
        ]);
        return rows.length > 0 ? rows : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(cases).toEqual([{ rung: 'warning_speech', unit_id: 'u-b', concerns: { head: 'head-u-b', deputy: null } }]);
    const pledge = await suite.db.query('SELECT signed_at FROM pledges WHERE cycle_id = $1 AND unit_id = $2', [
      cycleId,
      'u-b',
    ]);
    expect(pledge.rows).toEqual([]);
    expect(
      await count(`SELECT count(*) AS n FROM escalations WHERE cycle_id = $1 AND key LIKE '%/u-b/pledge/escalation'`, [
        cycleId,
      ]),
    ).toBe(1);
  });

  it('tells first the unit that must act on its outcome, and a retried delivery resumes where it stopped', async () => {
    // The close above told both units. Delivering month 1 again as a retry would: u-b (its report
    // missed, a case fired) comes before u-a (approved, nothing fired), and a retry that had
    // heartbeated one delivery tells only the rest.
    const outcomeSignals = async (unitId: string) => {
      const history = await suite.temporal.workflow.getHandle(unitCycleWorkflowId(cycleId, unitId)).fetchHistory();
      return (history.events ?? [])
        .filter((event) => event.workflowExecutionSignaledEventAttributes?.signalName === monthOutcomeSignal.name)
        .map((event) => Number(event.eventTime!.seconds) * 1000 + Math.floor(event.eventTime!.nanos! / 1e6));
    };
    const ranking = await suite.db.query('SELECT max(version) AS version FROM month_rankings WHERE cycle_id = $1', [
      cycleId,
    ]);
    const ref = {
      cycleId,
      month: 1,
      version: Number(ranking.rows[0].version),
      audit: { action: 'outcomes.delivered', subject: `cycles/${cycleId}/months/1/outcomes`, cycleId },
    };
    const dataSource = await openDatabase(suite.stack.databaseUrl);
    try {
      const { deliverOutcomes } = createCycleActivities({
        dataSource,
        client: suite.temporal,
        outcomeDeliveriesPerSecond: 1,
      });
      const before = { a: await outcomeSignals('u-a'), b: await outcomeSignals('u-b') };
      const heartbeats: unknown[] = [];
      const fresh = new MockActivityEnvironment();
      fresh.on('heartbeat', (details: unknown) => heartbeats.push(details));
      await fresh.run(deliverOutcomes, ref);
      expect(heartbeats).toEqual([1, 2]);
      const once = { a: await outcomeSignals('u-a'), b: await outcomeSignals('u-b') };
      expect([once.a.length, once.b.length]).toEqual([before.a.length + 1, before.b.length + 1]);
      expect(once.b.at(-1)!).toBeLessThanOrEqual(once.a.at(-1)!);

      await new MockActivityEnvironment({ heartbeatDetails: 1 }).run(deliverOutcomes, ref);
      expect((await outcomeSignals('u-a')).length).toBe(once.a.length + 1);
      expect((await outcomeSignals('u-b')).length).toBe(once.b.length);
    } finally {
      await dataSource.destroy();
    }
  });

  it('applies a veto recorded for a ranked month from the first month not yet ranked', async () => {
    const veto = await call('POST', `/cycles/${cycleId}/vetoes`, {
      actor: assessor,
      body: { unitId: 'u-a', month: 1, reason: '较大安全生产事故' },
    });
    expect(veto.status, JSON.stringify(veto.body)).toBe(201);
    expect(veto.body).toMatchObject({ month: 1, effectiveMonth: 2 });
  });

  it('answers the annual results as not decided before month 12', async () => {
    const annual = await call('GET', `/cycles/${cycleId}/annual-results`, { actor: headOf('u-a') });
    expect(annual.status).toBe(200);
    expect(annual.body).toEqual({ cycleId, decided: false, results: [] });
  });
});

async function sleepUntil(instant: number): Promise<void> {
  const wait = instant - Date.now();
  if (wait > 0) await new Promise((done) => setTimeout(done, wait));
}
