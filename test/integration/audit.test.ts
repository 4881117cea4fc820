import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { AuditEntryView } from '@jiebang/contracts/http/audit';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client as PgClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, httpClient, signIn, startApi, startWorker, testConfig } from '../support/jiebang';
import { tinyScenario } from '../support/scenarios';
import { DEMO_CYCLE_ID } from '../../apps/api/src/demo/demo-cycle';
import { startTestStack, type TestStack } from '../support/stack';

const admin = { user: 'admin-1', roles: ['ADMIN'] };
const headOf = (unit: string) => ({ user: `head-${unit}`, roles: ['UNIT_HEAD'], unit });

const CLI = resolve(__dirname, '../../bin/jiebang.js');

/** Runs `jiebang audit verify` as a user would (the built CLI), against the suite's database. */
function runAuditVerify(databaseUrl: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, 'audit', 'verify'], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) => done({ code, output }));
  });
}

describe('the audit trail and the administrators’ view of workflows', () => {
  let stack: TestStack;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let call: ReturnType<typeof httpClient>;
  let db: PgClient;
  let cycleId: string;
  let lateCycleId: string;
  let baseUrl: string;

  beforeAll(async () => {
    stack = await startTestStack();
    // With the demo district: its import at start-up and its users are part of what is audited.
    const config = { ...testConfig(stack, 'audit-suite'), DEMO_IMPORT: true };
    worker = await startWorker(config);
    const started = await startApi(config);
    baseUrl = started.baseUrl;
    api = started.app;
    call = httpClient(started.baseUrl);
    db = new PgClient({ connectionString: stack.databaseUrl });
    await db.connect();
    const imported = await call('POST', '/cycles', { actor: admin, body: tinyScenario('Audit district') });
    expect(imported.status).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
  });

  afterAll(async () => {
    await db?.end();
    await api?.close();
    await worker?.close();
    await stack?.stop();
  });

  const audit = async (query: string) => {
    const response = await call('GET', `/audit?${query}`, { actor: admin });
    expect(response.status).toBe(200);
    return response.body.entries as AuditEntryView[];
  };

  describe('writing', () => {
    it('records the import: who, when, the request, and a digest of what changed', async () => {
      const [imported] = await audit(`cycleId=${cycleId}&action=cycle.imported`);
      expect(imported).toMatchObject({
        actor: 'admin-1',
        role: 'ADMIN',
        subject: `cycles/${cycleId}`,
        cycleId,
        change: { units: 2, indicators: 2, name: 'Audit district' },
      });
      expect(imported.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.now() - Date.parse(imported.occurredAt)).toBeLessThan(60_000);
      expect(imported.occurredAt).toMatch(/Z$/);
      const [started] = await audit(`cycleId=${cycleId}&action=cycle.workflows_started`);
      expect(started).toMatchObject({ actor: 'admin-1', change: { unitWorkflows: 2 } });
    });

    it('records the pledge from inside the workflow, with the signer, their request, and the workflow and run', async () => {
      const signed = await call('POST', `/cycles/${cycleId}/units/u-a/pledge`, { actor: headOf('u-a') });
      expect(signed.status).toBe(200);
      const requestId = signed.headers.get('x-request-id');
      const [row] = await audit(`unitId=u-a&action=pledge.signed&cycleId=${cycleId}`);
      expect(row).toMatchObject({
        actor: 'head-u-a',
        role: 'UNIT_HEAD',
        requestId,
        workflowId: `cycle-${cycleId}/unit-u-a`,
        subject: `cycles/${cycleId}/units/u-a/pledge`,
        change: { late: false },
      });
      expect(row.runId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('seeds one demo user per role with the demo district, as the system', async () => {
      const [demo] = await audit(`cycleId=${DEMO_CYCLE_ID}&action=cycle.imported`);
      expect(demo).toMatchObject({ actor: 'system:demo-import', role: null, requestId: null });
      const created = await audit('action=user.created&actor=system:demo-import');
      expect(created.map((row) => row.subject).sort()).toEqual(
        [
          'demo-admin',
          'demo-assessor',
          'demo-discipline',
          'demo-head',
          'demo-leadership',
          'demo-orgdept',
          'demo-reporter',
        ].map((id) => `users/${id}`),
      );
      const head = await signIn(baseUrl, 'demo-head', 'jiebang-demo');
      const me = await call('GET', '/auth/me', { token: head.accessToken });
      expect(me.body).toMatchObject({ userId: 'demo-head', roles: ['UNIT_HEAD'], unitId: 'u00' });
      // The demo arrives with a past (DemoPast): its head signed u00's pledge, audited as theirs.
      const [signed] = await eventually(async () => {
        const entries = await audit(`cycleId=${DEMO_CYCLE_ID}&unitId=u00&action=pledge.signed`);
        return entries.length > 0 ? entries : undefined;
      });
      expect(signed).toMatchObject({ actor: 'demo-head', role: 'UNIT_HEAD' });
      const unit = await call('GET', `/cycles/${DEMO_CYCLE_ID}/units/u00`, { token: head.accessToken });
      expect(unit.status).toBe(200);
    });

    it('records a sign-in', async () => {
      const rows = await audit('actor=head-u-a&action=auth.signed_in');
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(rows[0]).toMatchObject({ subject: 'users/head-u-a', role: 'UNIT_HEAD' });
    });

    it('records reminders and escalations written by workflows, as the workflow’s', async () => {
      const imported = await call('POST', '/cycles', {
        actor: admin,
        body: tinyScenario('Late district', { pledgeDeadline: '3s', reminderOffsets: ['1s'] }),
      });
      lateCycleId = (imported.body.cycle as { id: string }).id;
      const escalated = await eventually(async () => {
        const rows = await audit(`cycleId=${lateCycleId}&action=pledge.escalated`);
        return rows.length === 2 ? rows : undefined;
      });
      expect(escalated[0]).toMatchObject({
        actor: 'system:workflow',
        role: null,
        reason: expect.stringContaining('Pledge not signed'),
        change: { addressedTo: 'ORG_DEPT' },
      });
      const notices = await audit(`cycleId=${lateCycleId}&unitId=u-a&action=notification.`);
      // The reminder and the deadline go to the head; the escalation notice tells ORG_DEPT.
      expect(notices.map((row) => row.action).sort()).toEqual([
        'notification.deadline',
        'notification.escalation',
        'notification.reminder',
      ]);
      expect(notices.every((row) => row.workflowId === `cycle-${lateCycleId}/unit-u-a`)).toBe(true);
    });

    it('filters by period and pages back with nextBeforeSeq', async () => {
      expect(await audit(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
      const first = await call('GET', '/audit?limit=2', { actor: admin });
      const entries = first.body.entries as AuditEntryView[];
      expect(entries).toHaveLength(2);
      expect(entries[0].seq).toBeGreaterThan(entries[1].seq);
      const next = await call('GET', `/audit?limit=2&beforeSeq=${String(first.body.nextBeforeSeq)}`, { actor: admin });
      expect((next.body.entries as AuditEntryView[])[0].seq).toBe(entries[1].seq - 1);
    });
  });

  describe('integrity', () => {
    it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
      await expect(db.query(`UPDATE audit_log SET reason = 'edited' WHERE seq = 1`)).rejects.toThrow(
        /append-only: UPDATE refused/,
      );
      await expect(db.query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only: DELETE refused/);
      await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only: TRUNCATE refused/);
    });

    it('verifies an intact chain over HTTP and from the command line', async () => {
      const verified = await call('GET', '/audit/verify', { actor: admin });
      expect(verified.body).toMatchObject({ ok: true, firstBreak: null });
      expect(verified.body.rowsChecked).toBeGreaterThan(5);
      expect(existsSync(CLI), `${CLI} is missing: build first (npx tsc -p tsconfig.json)`).toBe(true);
      const cli = await runAuditVerify(stack.databaseUrl);
      expect(cli.code).toBe(0);
      expect(cli.output).toContain(`audit trail intact: ${String(verified.body.rowsChecked)} rows`);
    });

    it('names the first broken link when a row is edited behind the database’s back', async () => {
      const [pledge] = await audit(`cycleId=${cycleId}&action=pledge.signed`);
      // Someone with the owner's rights switches the trigger off, edits, and switches it back on.
      await db.query('BEGIN');
      await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await db.query(`UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = $1`, [pledge.seq]);
      await db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      await db.query('COMMIT');

      const verified = await call('GET', '/audit/verify', { actor: admin });
      expect(verified.body).toMatchObject({
        ok: false,
        lastGoodSeq: pledge.seq - 1,
        firstBreak: { seq: pledge.seq, problem: 'hash_mismatch' },
      });

      const cli = await runAuditVerify(stack.databaseUrl);
      expect(cli.code).toBe(1);
      expect(cli.output).toContain(`audit trail BROKEN at row ${pledge.seq} (hash_mismatch)`);
    });
  });

  describe('administrators’ view of workflows', () => {
    it('lists workflows by cycle, unit, phase and status from Temporal visibility', async () => {
      const listed = await eventually(async () => {
        const response = await call(
          'GET',
          `/admin/workflows?cycleId=${cycleId}&type=unitCycleWorkflow&status=Running`,
          { actor: admin },
        );
        const workflows = response.body.workflows as Array<{ workflowId: string; unitId: string; phase: string }>;
        return workflows?.length === 2 && workflows.some((w) => w.phase === 'reporting') ? workflows : undefined;
      });
      expect(listed.map((w) => w.unitId).sort()).toEqual(['u-a', 'u-b']);
      const pledging = await call('GET', `/admin/workflows?cycleId=${cycleId}&phase=pledge`, { actor: admin });
      expect((pledging.body.workflows as Array<{ unitId: string }>).map((w) => w.unitId)).toEqual(['u-b']);
      const injected = await call('GET', `/admin/workflows?cycleId=${encodeURIComponent('x" OR CycleId != "')}`, {
        actor: admin,
      });
      expect(injected.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    });

    it('describes a workflow: phase, the pending pledge, its activities and its timers', async () => {
      const workflowId = `cycle-${cycleId}/unit-u-b`;
      const response = await call('GET', `/admin/workflows/${encodeURIComponent(workflowId)}`, { actor: admin });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        workflowId,
        type: 'unitCycleWorkflow',
        status: 'RUNNING',
        phase: 'pledge',
        cycleId,
        unitId: 'u-b',
        pendingStepsError: null,
      });
      expect(response.body.pendingSteps).toEqual([
        { step: 'pledge.sign', role: 'UNIT_HEAD', unitId: 'u-b', dueAt: expect.any(String) },
      ]);
      const timers = response.body.timers as Array<{ firesAt: string }>;
      expect(timers.length).toBeGreaterThan(0);
      expect(Date.parse(timers[0].firesAt)).toBeGreaterThan(Date.now());
      expect(response.body.pendingActivities).toEqual([]);
      const missing = await call('GET', `/admin/workflows/${encodeURIComponent('cycle-nowhere/unit-x')}`, {
        actor: admin,
      });
      expect(missing.body).toMatchObject({ statusCode: 404, code: 'WORKFLOW_NOT_FOUND' });
    });

    it('exports the event history as JSON', async () => {
      const response = await call(
        'GET',
        `/admin/workflows/${encodeURIComponent(`cycle-${cycleId}/unit-u-a`)}/history`,
        { actor: admin },
      );
      expect(response.status).toBe(200);
      const events = response.body.events as Array<{ eventType: string; eventId: string }>;
      expect(events[0]).toMatchObject({ eventId: '1', eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED' });
      expect(events.some((event) => event.eventType === 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED')).toBe(true);
    });

    it('lists every pending human step across the system, overdue first', async () => {
      const response = await call('GET', '/admin/tasks?role=UNIT_HEAD', { actor: admin });
      expect(response.status).toBe(200);
      const tasks = response.body.tasks as Array<{
        workflowId: string;
        cycleId: string;
        unitId: string;
        step: string;
        overdue: boolean;
        dueAt: string;
      }>;
      const late = tasks.filter((task) => task.cycleId === lateCycleId && task.step === 'pledge.sign');
      const onTime = tasks.filter((task) => task.cycleId === cycleId && task.step === 'pledge.sign');
      expect(late.map((task) => task.unitId).sort()).toEqual(['u-a', 'u-b']);
      expect(late.every((task) => task.overdue && task.step === 'pledge.sign')).toBe(true);
      expect(onTime).toEqual([
        expect.objectContaining({ unitId: 'u-b', overdue: false, workflowId: `cycle-${cycleId}/unit-u-b` }),
      ]);
      const firstOnTime = tasks.findIndex((task) => !task.overdue);
      expect(tasks.slice(0, firstOnTime).every((task) => task.overdue)).toBe(true);
      expect(tasks.slice(firstOnTime).every((task) => !task.overdue)).toBe(true);
    });
  });
});
