import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/jiebang';
import { monthOneEndingAt, tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';

const { assessor, headOf, reporterOf } = ACTORS;

describe('monthly reports: submission, review, resubmission and extensions', () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  let cycleId: string;
  let monthEnds: number;
  let dueAt: number;

  beforeAll(async () => {
    suite = await startJiebangSuite('reports-suite');
    monthEnds = Date.now() + 6_000;
    const periods = monthOneEndingAt(monthEnds);
    const imported = await call('POST', '/cycles', {
      actor: assessor,
      body: tinyScenario('Report district', {
        calendar: { periods },
        reportWindow: '6s',
        reviewDeadline: '300s',
        resubmitDeadline: '60s',
        reminderOffsets: [],
        // This suite proves the path without the head's confirmation; month.test.ts proves it with.
        headConfirmation: false,
      }),
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
    dueAt = monthEnds + 6_000;
    for (const unit of ['u-a', 'u-b'])
      expect((await call('POST', `/cycles/${cycleId}/units/${unit}/pledge`, { actor: headOf(unit) })).status).toBe(200);
  });

  afterAll(async () => {
    await suite?.stop();
  });

  const report = (unit: string) => `/cycles/${cycleId}/units/${unit}/reports/1`;

  it('refuses a report before the month has ended', async () => {
    const early = await call('PUT', report('u-a'), {
      actor: reporterOf('u-a'),
      body: { values: { 'u-a-invest': 1000 } },
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('REPORT_WINDOW_NOT_OPEN');
    // The parameters the console says it from, in the person's language.
    expect(early.body.params).toEqual({ month: 1, opensAt: expect.any(String) });
    expect(Date.parse(String((early.body.params as { opensAt: string }).opensAt))).toBeGreaterThan(Date.now());
    const nowhere = await call('GET', `/cycles/${cycleId}/units/u03/reports/1`, {
      actor: { user: 'assessor-1', roles: ['ASSESSOR'] },
    });
    expect(nowhere.status).toBe(404);
    expect(nowhere.body).toMatchObject({ code: 'UNIT_NOT_FOUND', params: { unit: 'u03', cycle: cycleId } });
  });

  it('answers each bad report with 4xx and its reason, changing nothing', async () => {
    await sleepUntil(monthEnds + 300);
    const missing = await call('PUT', report('u-a'), { actor: reporterOf('u-a'), body: { values: {} } });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'INVALID_REPORT' });
    expect(String(missing.body.message)).toContain('u-a-invest: missing');

    const foreign = await call('PUT', report('u-a'), {
      actor: reporterOf('u-a'),
      body: { values: { 'u-a-invest': 1, 'u-b-invest': 2 } },
    });
    expect(foreign.status).toBe(400);
    expect(String(foreign.body.message)).toContain('u-b-invest: not an indicator of this unit');

    const notNumber = await call('PUT', report('u-a'), {
      actor: reporterOf('u-a'),
      body: { values: { 'u-a-invest': 'lots' } },
    });
    expect(notNumber.status).toBe(400);
    expect(notNumber.body.code).toBe('VALIDATION_FAILED');

    const wrongMonth = await call('PUT', `/cycles/${cycleId}/units/u-a/reports/13`, {
      actor: reporterOf('u-a'),
      body: { values: { 'u-a-invest': 1 } },
    });
    expect(wrongMonth.status).toBe(400);

    const otherUnit = await call('PUT', report('u-a'), {
      actor: reporterOf('u-b'),
      body: { values: { 'u-a-invest': 1 } },
    });
    expect(otherUnit.status).toBe(403);

    // The cycle writes the month's report rows as the window opens, moments after the month ends:
    // wait for the row rather than for a wall-clock margin, then check that nothing above changed it.
    const stored = await eventually(async () => {
      const response = await call('GET', report('u-a'), { actor: reporterOf('u-a') });
      return response.status === 200 ? response : undefined;
    });
    expect(stored.body).toMatchObject({ status: 'open', values: null });
  });

  it('returns a report with a comment, takes the resubmission and approves it', async () => {
    const submitted = await call('PUT', report('u-a'), {
      actor: reporterOf('u-a'),
      body: { values: { 'u-a-invest': 1500 } },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', late: false });

    const twice = await call('PUT', report('u-a'), {
      actor: reporterOf('u-a'),
      body: { values: { 'u-a-invest': 1600 } },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('REPORT_NOT_EDITABLE');

    const byUnit = await call('POST', `${report('u-a')}/review`, {
      actor: headOf('u-a'),
      body: { decision: 'approve' },
    });
    expect(byUnit.status).toBe(403);

    const silentReturn = await call('POST', `${report('u-a')}/review`, {
      actor: assessor,
      body: { decision: 'return' },
    });
    expect(silentReturn.status).toBe(400);

    const returned = await call('POST', `${report('u-a')}/review`, {
      actor: assessor,
      body: { decision: 'return', comment: 'The investment figure excludes Q1 projects' },
    });
    expect(returned.body).toMatchObject({
      status: 'returned',
      reviewComment: 'The investment figure excludes Q1 projects',
    });

    const resubmitted = await call('PUT', report('u-a'), {
      actor: reporterOf('u-a'),
      body: { values: { 'u-a-invest': 1800 } },
    });
    expect(resubmitted.body).toMatchObject({ status: 'submitted', values: { 'u-a-invest': 1800 } });

    const approved = await call('POST', `${report('u-a')}/review`, { actor: assessor, body: { decision: 'approve' } });
    expect(approved.status).toBe(200);
    const stored = await call('GET', report('u-a'), { actor: assessor });
    expect(stored.body).toMatchObject({ status: 'approved', values: { 'u-a-invest': 1800 }, reviewedBy: 'assessor-1' });
  });

  it('moves the running deadline when an assessor approves an extension, and flags the report late', async () => {
    const until = new Date(dueAt + 20_000).toISOString();
    // No later than the month's review deadline (300 s after dueAt) plus the resubmission window (60 s).
    const tooLong = await call('POST', `${report('u-b')}/extension`, {
      actor: reporterOf('u-b'),
      body: { until: new Date(dueAt + 3_600_000).toISOString(), reason: 'Next quarter, perhaps' },
    });
    expect(tooLong.body).toMatchObject({ statusCode: 400, code: 'EXTENSION_TOO_LONG' });
    const requested = await call('POST', `${report('u-b')}/extension`, {
      actor: reporterOf('u-b'),
      body: { until, reason: 'The statistics bureau publishes late this month' },
    });
    expect(requested.status, JSON.stringify(requested.body)).toBe(200);
    const byUnit = await call('POST', `${report('u-b')}/extension/decision`, {
      actor: headOf('u-b'),
      body: { approve: true },
    });
    expect(byUnit.status).toBe(403);
    const decided = await call('POST', `${report('u-b')}/extension/decision`, {
      actor: assessor,
      body: { approve: true },
    });
    expect(decided.body).toMatchObject({ dueAt: until, extension: { status: 'approved', decidedBy: 'assessor-1' } });

    await sleepUntil(dueAt + 1_000);
    const late = await call('PUT', report('u-b'), {
      actor: reporterOf('u-b'),
      body: { values: { 'u-b-invest': 900 } },
    });
    expect(late.status, JSON.stringify(late.body)).toBe(200);
    expect(late.body).toMatchObject({ status: 'submitted', late: true });
  });
});

async function sleepUntil(instant: number): Promise<void> {
  const wait = instant - Date.now();
  if (wait > 0) await new Promise((done) => setTimeout(done, wait));
}
