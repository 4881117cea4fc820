import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client as PgClient } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { unitSubject } from '@jiebang/contracts';
import {
  AUDIT_APPEND_LOCK,
  dataSourceOptions,
  ReportDraftRepository,
  type AuditEntry,
  type ReportDraft,
} from '@jiebang/persistence';
import { unavailableFailure } from '../../apps/api/src/common/unavailable';
import { eventually } from '../support/jiebang';
import { monthOneEndingAt, tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';

const { admin, assessor, reporterOf } = ACTORS;

const UNITS = Array.from({ length: 24 }, (_, index) => `u-${String(index).padStart(2, '0')}`);

/** tinyScenario's district with UNITS instead of its two units, one indicator each. */
function manyUnitScenario(monthEnds: number): Record<string, unknown> {
  const scenario = tinyScenario('Busy district', {
    calendar: { periods: monthOneEndingAt(monthEnds) },
    reportWindow: '120s',
    reviewDeadline: '300s',
    reminderOffsets: [],
    headConfirmation: false,
  });
  const [template] = scenario.indicators as Array<Record<string, unknown>>;
  return {
    ...scenario,
    units: UNITS.map((id, index) => ({ id, name: `区第${index + 1}局`, category: 'econ' })),
    indicators: UNITS.map((unit) => ({ ...template, id: `${unit}-invest`, unit })),
  };
}

/**
 * Draft saves arriving together are written together (issue 15: group commit): one transaction
 * and one append to the audit trail for a batch, yet each save lands with exactly its own audit
 * row, is answered on its own, and a refused one fails alone.
 */
describe('report drafts saved in concurrent bursts', () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  let cycleId: string;
  const report = (unit: string) => `/cycles/${cycleId}/units/${unit}/reports/1`;
  const draftAuditRows = async () =>
    (
      await suite.db.query(
        `SELECT unit_id, occurred_at, change FROM audit_log WHERE action = 'report.draft_saved' AND cycle_id = $1 ORDER BY seq`,
        [cycleId],
      )
    ).rows as Array<{ unit_id: string; occurred_at: Date; change: { values: Record<string, number> } }>;
  const storedValues = async () =>
    new Map(
      (
        (await suite.db.query('SELECT unit_id, "values" FROM reports WHERE cycle_id = $1 AND month = 1', [cycleId]))
          .rows as Array<{ unit_id: string; values: Record<string, number> | null }>
      ).map((row) => [row.unit_id, row.values]),
    );

  const draftOf = (unit: string, progress: string): ReportDraft => ({
    cycleId,
    unitId: unit,
    month: 1,
    values: { [`${unit}-invest`]: 7 },
    texts: { progress, problems: '无', nextSteps: '无' },
  });
  const audit = (unit: string) => (): AuditEntry => ({
    actorId: `reporter-${unit}`,
    action: 'report.draft_saved',
    subject: unitSubject(cycleId, unit, 'reports', 1),
    cycleId,
    unitId: unit,
    change: { values: { [`${unit}-invest`]: 7 } },
  });

  beforeAll(async () => {
    suite = await startJiebangSuite('report-draft-batches-suite');
    const imported = await call('POST', '/cycles', { actor: assessor, body: manyUnitScenario(Date.now() + 6_000) });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
    // Every report window open, every reporter signed in, before any burst.
    for (const unit of UNITS)
      await eventually(async () =>
        (await call('GET', report(unit), { actor: reporterOf(unit) })).status === 200 ? true : undefined,
      );
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it('lands every save of a burst with exactly one audit row each, refusing only the submitted report', async () => {
    const [submittedUnit, ...draftingUnits] = UNITS;
    const submitted = await call('PUT', report(submittedUnit!), {
      actor: reporterOf(submittedUnit!),
      body: { values: { [`${submittedUnit}-invest`]: 1 } },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);

    const answers = await Promise.all(
      UNITS.map((unit, index) =>
        call('PUT', report(unit), {
          actor: reporterOf(unit),
          body: { values: { [`${unit}-invest`]: 1000 + index }, submit: false },
        }),
      ),
    );

    const [refused, ...saved] = answers;
    expect(refused!.status).toBe(409);
    expect(refused!.body.code).toBe('REPORT_NOT_EDITABLE');
    saved.forEach((answer, index) => {
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toMatchObject({
        unitId: draftingUnits[index],
        status: 'draft',
        values: { [`${draftingUnits[index]}-invest`]: 1001 + index },
      });
    });

    const rows = await draftAuditRows();
    expect(rows.map((row) => row.unit_id).sort()).toEqual(draftingUnits);
    for (const row of rows)
      expect(row.change.values).toEqual({ [`${row.unit_id}-invest`]: 1000 + UNITS.indexOf(row.unit_id) });
    // Saves that waited for a batch in flight were written together: one append, one time for its rows.
    expect(new Set(rows.map((row) => row.occurred_at.toISOString())).size).toBeLessThan(rows.length);

    const stored = await storedValues();
    expect(stored.get(submittedUnit!)).toEqual({ [`${submittedUnit}-invest`]: 1 });
    for (const [index, unit] of draftingUnits.entries())
      expect(stored.get(unit)).toEqual({ [`${unit}-invest`]: 1001 + index });

    const verified = await call('GET', '/audit/verify', { actor: admin });
    expect(verified.body).toMatchObject({ ok: true, firstBreak: null });
  });

  it('fails only the draft the database refuses when it shares a batch with others', async () => {
    const drafts = suite.api.get(ReportDraftRepository);
    const before = (await draftAuditRows()).length;
    // The first save starts a batch of its own; the next three queue behind it and share one.
    const leading = drafts.saveDraft(draftOf('u-01', '进展顺利'), audit('u-01'));
    const batch = [
      drafts.saveDraft(draftOf('u-02', '进展顺利'), audit('u-02')),
      // Postgres refuses a NUL in jsonb text (the API's validation refuses it sooner; the repository must not rely on that).
      drafts.saveDraft(draftOf('u-03', 'bad\u0000text'), audit('u-03')),
      drafts.saveDraft(draftOf('u-04', '进展顺利'), audit('u-04')),
    ];
    expect(await leading).toMatchObject({ status: 'draft' });
    const [second, refused, fourth] = await Promise.allSettled(batch);
    expect(second).toMatchObject({ status: 'fulfilled', value: { status: 'draft', values: { 'u-02-invest': 7 } } });
    expect(fourth).toMatchObject({ status: 'fulfilled', value: { status: 'draft', values: { 'u-04-invest': 7 } } });
    expect(refused!.status).toBe('rejected');
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(QueryFailedError);

    const added = (await draftAuditRows()).slice(before);
    expect(added.map((row) => row.unit_id)).toEqual(['u-01', 'u-02', 'u-04']);
    const stored = await storedValues();
    expect(stored.get('u-03')).toEqual({ 'u-03-invest': 1003 });
    expect(stored.get('u-04')).toEqual({ 'u-04-invest': 7 });
    const verified = await call('GET', '/audit/verify', { actor: admin });
    expect(verified.body).toMatchObject({ ok: true, firstBreak: null });
  });

  it('writes two saves of one report that queue together one after the other, the later one last', async () => {
    const drafts = suite.api.get(ReportDraftRepository);
    const before = (await draftAuditRows()).length;
    const withValue = (unit: string, value: number): ReportDraft => ({
      ...draftOf(unit, '进展顺利'),
      values: { [`${unit}-invest`]: value },
    });
    const leading = drafts.saveDraft(draftOf('u-08', '进展顺利'), audit('u-08'));
    const first = drafts.saveDraft(withValue('u-09', 91), audit('u-09'));
    const second = drafts.saveDraft(withValue('u-09', 92), audit('u-09'));
    await leading;
    expect(await first).toMatchObject({ status: 'draft', values: { 'u-09-invest': 91 } });
    expect(await second).toMatchObject({ status: 'draft', values: { 'u-09-invest': 92 } });
    expect((await storedValues()).get('u-09')).toEqual({ 'u-09-invest': 92 });
    const added = (await draftAuditRows()).slice(before);
    expect(added.map((row) => row.unit_id)).toEqual(['u-08', 'u-09', 'u-09']);
  });

  it('fails every draft of a batch with the database-down answer when Postgres cannot be reached', async () => {
    const relay = await relayTo(suite.stack.databaseUrl);
    const dataSource = await new DataSource(dataSourceOptions(relay.url)).initialize();
    try {
      const drafts = new ReportDraftRepository(dataSource);
      const rowsBefore = await draftAuditRows();
      const storedBefore = await storedValues();
      await relay.cut();

      const leading = drafts.saveDraft(draftOf('u-05', '进展顺利'), audit('u-05'));
      const batch = ['u-06', 'u-07'].map((unit) => drafts.saveDraft(draftOf(unit, '进展顺利'), audit(unit)));
      const answers = await Promise.allSettled([leading, ...batch]);
      for (const answer of answers) {
        expect(answer.status).toBe('rejected');
        const failure = unavailableFailure((answer as PromiseRejectedResult).reason);
        expect(failure?.code).toBe('DATABASE_UNAVAILABLE');
        expect(failure?.status).toBe(503);
      }
      // The two that queued shared a batch, and its one failure.
      expect((answers[1] as PromiseRejectedResult).reason).toBe((answers[2] as PromiseRejectedResult).reason);

      expect(await draftAuditRows()).toEqual(rowsBefore);
      expect(await storedValues()).toEqual(storedBefore);
    } finally {
      await dataSource.destroy().catch(() => undefined);
    }
  });

  // Last: it leaves month 1 ranked.
  it('drops a draft whose month is ranked while it waits for the audit trail, changing nothing', async () => {
    const drafts = suite.api.get(ReportDraftRepository);
    const rowsBefore = await draftAuditRows();
    const storedBefore = await storedValues();
    // A month close as it commits: its ranking written, its audit row being appended last, under the trail's lock.
    const closing = new PgClient({ connectionString: suite.stack.databaseUrl });
    await closing.connect();
    try {
      await closing.query('BEGIN');
      await closing.query(
        `INSERT INTO month_rankings (cycle_id, month, version, status, reason, created_by, state, cases)
         VALUES ($1, 1, 1, 'published', 'month close', 'system:test', '{}', '[]')`,
        [cycleId],
      );
      await closing.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_APPEND_LOCK]);

      // The ranking is not committed yet, so the draft's row allows it; its batch then waits for the lock.
      const saving = drafts.saveDraft(draftOf('u-10', '进展顺利'), audit('u-10'));
      await eventually(async () => {
        const { rows } = await suite.db.query(
          `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`,
          [AUDIT_APPEND_LOCK],
        );
        return rows.length > 0 ? true : undefined;
      });
      await closing.query('COMMIT');

      expect(await saving).toBeNull();
      expect(await storedValues()).toEqual(storedBefore);
      expect(await draftAuditRows()).toEqual(rowsBefore);
    } finally {
      await closing.end();
    }
  });
});

/** A TCP relay to Postgres that can be cut: to its clients, the database is gone (a stopped server, a broken network). */
async function relayTo(databaseUrl: string): Promise<{ url: string; cut: () => Promise<void> }> {
  const target = new URL(databaseUrl);
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as AddressInfo).port);
  return {
    url: url.toString(),
    cut: () =>
      new Promise<void>((closed) => {
        server.close(() => closed());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
