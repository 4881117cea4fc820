import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIdOf, caseWorkflowId, type CaseInput } from '@jiebang/contracts';
import { pendingStepsQuery } from '@jiebang/contracts/temporal';
import { PLAN_LADDER, RANK_LADDER, type CaseRung } from '@jiebang/domain';
import { caseWorkflow } from '../../workflows';
import { eventually, type ActorHeaders } from '../support/jiebang';
import { tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';

const TASK_QUEUE = 'cases-suite';
const { admin, orgDept, discipline, leadership, assessor, headOf } = ACTORS;
const orgDeptColleague = { user: 'org-2', roles: ['ORG_DEPT'] };

describe('consequence cases over real HTTP, Temporal and Postgres', () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  let cycleId: string;

  beforeAll(async () => {
    suite = await startJiebangSuite(TASK_QUEUE);
    const imported = await call('POST', '/cycles', { actor: admin, body: tinyScenario('Cases district') });
    expect(imported.status).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
  });

  afterAll(async () => {
    await suite?.stop();
  });

  /** Starts a case of the default ladders' rule for `rung` as the unit workflow would, and waits until its record is stored. */
  async function openCase(rung: CaseRung, month: number, overrides: Partial<CaseInput> = {}): Promise<string> {
    const unitId = overrides.unitId ?? 'u-a';
    const rule = [...RANK_LADDER, ...PLAN_LADDER].find((candidate) => candidate.rung === rung)!;
    const input: CaseInput = {
      caseId: caseIdOf(cycleId, unitId, rung, month),
      cycleId,
      unitId,
      rung,
      month,
      ruleId: rule.id,
      approvers: [...rule.approvers],
      nominatedBy: rule.nominatedBy ?? null,
      explanation: {
        text: `Lagging in month ${month}`,
        rule: rule.id,
        months: [month - 1, month],
        ranks: [2, 2],
        scores: [63.1, 61.5],
        indicators: [],
      },
      approvalDeadline: '1h',
      unitHeadId: `head-${unitId}`,
      ...overrides,
    };
    await suite.temporal.workflow.start(caseWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: caseWorkflowId(cycleId, unitId, rung, month),
      args: [input],
    });
    await eventually(async () => ((await caseRow(input.caseId)) ? true : undefined));
    return input.caseId;
  }

  const casePath = (caseId: string, rest = '') => `/cases/${encodeURIComponent(caseId)}${rest}`;
  const decide = (caseId: string, actor: ActorHeaders, body: Record<string, unknown>) =>
    call('POST', casePath(caseId, '/decisions'), { actor, body });
  const step = (caseId: string, actor: ActorHeaders, body: Record<string, unknown>) =>
    call('POST', casePath(caseId, '/steps'), { actor, body });

  async function caseRow(caseId: string) {
    const result = await suite.db.query(
      'SELECT status, decisions, steps, reminded, escalated, closed_at FROM cases WHERE id = $1',
      [caseId],
    );
    return result.rows[0] as
      | {
          status: string;
          decisions: unknown[];
          steps: unknown[];
          reminded: boolean;
          escalated: boolean;
          closed_at: Date | null;
        }
      | undefined;
  }

  async function events(caseId: string) {
    const result = await suite.db.query(
      'SELECT seq, kind, actor_id, actor_role, step, note, status_after FROM case_events WHERE case_id = $1 ORDER BY seq',
      [caseId],
    );
    return result.rows as Array<{
      seq: number;
      kind: string;
      actor_id: string | null;
      actor_role: string | null;
      step: string | null;
      note: string | null;
      status_after: string;
    }>;
  }

  it('moves an interview on only when both ORG_DEPT and DISCIPLINE have approved', async () => {
    const caseId = await openCase('interview', 2);

    const early = await step(caseId, orgDept, { step: 'scheduled' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('CASE_OUT_OF_ORDER');

    const first = await decide(caseId, orgDept, { approve: true });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'awaiting_approval', pendingApprovers: ['DISCIPLINE'] });

    const second = await decide(caseId, discipline, { approve: true });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      status: 'in_progress',
      pendingApprovers: [],
      remainingSteps: ['scheduled', 'held', 'minutes_recorded'],
    });

    expect(await caseRow(caseId)).toMatchObject({ status: 'in_progress' });
    expect((await events(caseId)).map(({ kind, actor_id, actor_role }) => [kind, actor_id, actor_role])).toEqual([
      ['opened', null, null],
      ['approved', 'org-1', 'ORG_DEPT'],
      ['approved', 'discipline-1', 'DISCIPLINE'],
    ]);
    const audit = await eventually(async () => {
      const rows = (
        await suite.db.query('SELECT action, actor_id, actor_role FROM audit_log WHERE subject = $1 ORDER BY seq', [
          `cycles/${cycleId}/units/u-a/cases/interview/m2`,
        ])
      ).rows;
      return rows.length === 3 ? rows : undefined;
    });
    expect(audit).toEqual([
      { action: 'case.opened', actor_id: 'system:workflow', actor_role: null },
      { action: 'case.approved', actor_id: 'org-1', actor_role: 'ORG_DEPT' },
      { action: 'case.approved', actor_id: 'discipline-1', actor_role: 'DISCIPLINE' },
    ]);
  });

  it('refuses the same person approving twice, even holding both roles, and changes nothing', async () => {
    const caseId = await openCase('quarterly_discipline', 3);
    const both = { user: 'both-1', roles: ['ORG_DEPT', 'DISCIPLINE'] };
    expect((await decide(caseId, both, { approve: true })).status).toBe(200);
    const before = await events(caseId);

    const twice = await decide(caseId, both, { approve: true });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('APPROVER_ALREADY_DECIDED');
    const secondOrgDept = await decide(caseId, orgDeptColleague, { approve: true });
    expect(secondOrgDept.status).toBe(409);
    expect(secondOrgDept.body.code).toBe('APPROVAL_ALREADY_GIVEN');

    expect(await events(caseId)).toEqual(before);
    expect(await caseRow(caseId)).toMatchObject({
      status: 'awaiting_approval',
      decisions: [expect.objectContaining({ userId: 'both-1', role: 'ORG_DEPT' })],
    });
  });

  it('refuses a decision outside the approver roles with 403', async () => {
    const caseId = await openCase('interview', 4);
    const byAssessor = await decide(caseId, assessor, { approve: true });
    expect(byAssessor.status).toBe(403);
    expect(byAssessor.body.code).toBe('ROLE_NOT_ALLOWED');
    expect((await decide(caseId, leadership, { approve: true })).status).toBe(403);
    expect((await decide(caseId, headOf('u-a'), { approve: true })).status).toBe(403);
    expect((await events(caseId)).map((event) => event.kind)).toEqual(['opened']);
  });

  it('names the head and the deputy a quarterly discipline concerns; neither decides on it', async () => {
    const caseId = await openCase('quarterly_discipline', 6, {
      concerns: { head: 'head-u-a', deputy: 'deputy-u-a' },
    });
    const deputyInOrgDept: ActorHeaders = { user: 'deputy-u-a', roles: ['ORG_DEPT'] };
    const refused = await decide(caseId, deputyInOrgDept, { approve: true });
    expect(refused.status).toBe(403);
    // Separation of duties, the one rule of every deciding step (issue 21), has its own code.
    expect(refused.body.code).toBe('SEPARATION_OF_DUTIES');
    const shown = await call('GET', casePath(caseId), { actor: assessor });
    expect(shown.body).toMatchObject({ concerns: { head: 'head-u-a', deputy: 'deputy-u-a' } });
    expect((await events(caseId)).map((event) => event.kind)).toEqual(['opened']);
  });

  it('closes a case rejected with a reason, stores it, and refuses anything after with 409', async () => {
    const caseId = await openCase('interview', 5);

    const noReason = await decide(caseId, discipline, { approve: false });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details).toEqual([expect.objectContaining({ path: 'reason' })]);

    const rejected = await decide(caseId, discipline, {
      approve: false,
      reason: 'The May figures were revised upward on appeal',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected' });

    const row = await caseRow(caseId);
    expect(row).toMatchObject({
      status: 'rejected',
      decisions: [
        expect.objectContaining({
          userId: 'discipline-1',
          approve: false,
          reason: 'The May figures were revised upward on appeal',
        }),
      ],
    });
    expect(row?.closed_at).toBeInstanceOf(Date);
    expect((await events(caseId)).at(-1)).toMatchObject({
      kind: 'rejected',
      actor_id: 'discipline-1',
      note: 'The May figures were revised upward on appeal',
      status_after: 'rejected',
    });
    // What the quarterly-discipline rule asks: was an interview of quarter 2 (months 4-6) rejected?
    const quarter = await suite.db.query(
      "SELECT count(*)::int AS n FROM cases WHERE cycle_id = $1 AND unit_id = 'u-a' AND rung = 'interview' AND month BETWEEN 4 AND 6 AND status = 'rejected'",
      [cycleId],
    );
    expect(quarter.rows[0].n).toBe(1);
    // The decision is shown with its person's name as the account now has it.
    await suite.db.query("UPDATE users SET display_name = '李明' WHERE id = 'discipline-1'");
    const shown = await call('GET', casePath(caseId), { actor: assessor });
    expect(shown.body.decisions).toEqual([
      expect.objectContaining({ userId: 'discipline-1', userName: '李明', approve: false }),
    ]);

    await suite.temporal.workflow.getHandle(caseWorkflowId(cycleId, 'u-a', 'interview', 5)).result();
    const afterwards = await decide(caseId, orgDept, { approve: true });
    expect(afterwards.status).toBe(409);
    expect(afterwards.body.code).toBe('CASE_CLOSED');
    expect((await step(caseId, orgDept, { step: 'scheduled' })).body.code).toBe('CASE_CLOSED');
    expect((await events(caseId)).length).toBe(2);
  });

  it('records outcome steps only in order and only by their roles', async () => {
    const caseId = await openCase('interview', 6);
    await decide(caseId, orgDept, { approve: true });
    await decide(caseId, discipline, { approve: true });

    const skipped = await step(caseId, orgDept, { step: 'held' });
    expect(skipped.status).toBe(409);
    expect(skipped.body.code).toBe('CASE_OUT_OF_ORDER');
    expect((await step(caseId, assessor, { step: 'scheduled' })).status).toBe(403);
    expect((await step(caseId, orgDept, { step: 'lunch' })).body.code).toBe('UNKNOWN_CASE_STEP');

    expect((await step(caseId, orgDept, { step: 'scheduled', note: 'Room 3, 14 July 09:00' })).status).toBe(200);
    expect((await step(caseId, orgDept, { step: 'scheduled' })).body.code).toBe('CASE_OUT_OF_ORDER');
    expect((await step(caseId, discipline, { step: 'held' })).status).toBe(200);
    const noMinutes = await step(caseId, discipline, { step: 'minutes_recorded' });
    expect(noMinutes.status).toBe(400);
    expect(noMinutes.body.code).toBe('CASE_NOTE_REQUIRED');
    const done = await step(caseId, discipline, {
      step: 'minutes_recorded',
      note: 'Head committed to a catch-up plan by August',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', remainingSteps: [] });

    expect((await step(caseId, discipline, { step: 'minutes_recorded', note: 'again' })).body.code).toBe('CASE_CLOSED');
    expect(
      (await events(caseId))
        .filter((event) => event.kind === 'step_recorded')
        .map((event) => [event.step, event.actor_id]),
    ).toEqual([
      ['scheduled', 'org-1'],
      ['held', 'discipline-1'],
      ['minutes_recorded', 'discipline-1'],
    ]);
  });

  it('needs no approval for a warning speech: an assessor records it delivered', async () => {
    const caseId = await openCase('warning_speech', 1);
    const decision = await decide(caseId, orgDept, { approve: true });
    expect(decision.status).toBe(409);
    expect(decision.body.code).toBe('CASE_NOT_AWAITING_APPROVAL');
    expect((await step(caseId, headOf('u-a'), { step: 'speech_delivered' })).status).toBe(403);

    const delivered = await step(caseId, assessor, { step: 'speech_delivered', note: 'At the July progress meeting' });
    expect(delivered.status).toBe(200);
    expect(delivered.body).toMatchObject({ status: 'completed' });
    expect(await caseRow(caseId)).toMatchObject({ status: 'completed' });
  });

  it('adjusts at year end only after the unit nominated, ORG_DEPT approved and LEADERSHIP confirmed', async () => {
    const caseId = await openCase('year_end_adjustment', 12);
    expect((await decide(caseId, orgDept, { approve: true })).body.code).toBe('CASE_OUT_OF_ORDER');
    // Another unit's case is not found for u-b's head, exactly as an absent one.
    expect((await step(caseId, headOf('u-b'), { step: 'cadre_nominated', note: 'Li Si' })).status).toBe(404);

    const nominated = await step(caseId, headOf('u-a'), {
      step: 'cadre_nominated',
      note: 'Zhang San, section chief of projects',
    });
    expect(nominated.body).toMatchObject({ status: 'awaiting_approval', pendingApprovers: ['ORG_DEPT', 'LEADERSHIP'] });
    const confirmFirst = await decide(caseId, leadership, { approve: true });
    expect(confirmFirst.status).toBe(409);
    expect(confirmFirst.body.code).toBe('CASE_OUT_OF_ORDER');

    expect((await decide(caseId, orgDept, { approve: true })).body).toMatchObject({
      status: 'awaiting_approval',
      pendingApprovers: ['LEADERSHIP'],
    });
    expect((await decide(caseId, leadership, { approve: true })).body).toMatchObject({ status: 'in_progress' });
    const adjusted = await step(caseId, orgDept, {
      step: 'adjustment_recorded',
      note: 'Both adjusted in the December round',
    });
    expect(adjusted.body).toMatchObject({ status: 'completed' });
  });

  it('reminds the pending approver after the deadline, then escalates to LEADERSHIP exactly once', async () => {
    const late = await openCase('interview', 7, { approvalDeadline: '2s' });
    const timely = await openCase('interview', 8, { approvalDeadline: '2s' });
    await decide(late, orgDept, { approve: true });
    await decide(timely, orgDept, { approve: true });
    await decide(timely, discipline, { approve: true });
    const openedAt = (await suite.db.query('SELECT opened_at FROM cases WHERE id = $1', [late])).rows[0]
      .opened_at as Date;

    const escalation = await eventually(
      async () =>
        (await suite.db.query('SELECT addressed_to, reason FROM escalations WHERE key LIKE $1', [`case/${late}/%`]))
          .rows[0] as { addressed_to: string } | undefined,
      { timeoutMs: 15_000 },
    );
    expect(escalation.addressed_to).toBe('LEADERSHIP');
    await new Promise((done) => setTimeout(done, 2_500));

    const notices = await suite.db.query(
      'SELECT kind, recipient_role, created_at FROM notifications WHERE key LIKE $1 ORDER BY created_at',
      [`case/${late}/%`],
    );
    expect(notices.rows.map((row) => [row.kind, row.recipient_role])).toEqual([
      ['reminder', 'DISCIPLINE'],
      ['escalation', 'LEADERSHIP'],
    ]);
    const [reminder, escalated] = notices.rows.map((row) => (row.created_at as Date).getTime() - openedAt.getTime());
    expect(reminder).toBeGreaterThanOrEqual(2_000);
    expect(reminder).toBeLessThan(4_000);
    expect(escalated).toBeGreaterThanOrEqual(4_000);
    expect(
      (await suite.db.query('SELECT count(*)::int AS n FROM escalations WHERE key LIKE $1', [`case/${late}/%`])).rows[0]
        .n,
    ).toBe(1);
    expect(await caseRow(late)).toMatchObject({ status: 'awaiting_approval', reminded: true, escalated: true });
    expect((await events(late)).map((event) => event.kind)).toEqual(['opened', 'approved', 'reminded', 'escalated']);

    // Approved in time: neither reminded nor escalated.
    expect(
      (await suite.db.query('SELECT count(*)::int AS n FROM notifications WHERE key LIKE $1', [`case/${timely}/%`]))
        .rows[0].n,
    ).toBe(0);
    expect(await caseRow(timely)).toMatchObject({ reminded: false, escalated: false });

    // The escalated case can still be approved.
    expect((await decide(late, discipline, { approve: true })).body).toMatchObject({ status: 'in_progress' });
  });

  it("holds the consequence to the rule's dueWithin: once overdue, tells the step's people and LEADERSHIP once", async () => {
    const late = await openCase('warning_speech', 10, { dueWithin: '2s' });
    const timely = await openCase('warning_speech', 11, { dueWithin: '2s' });
    expect((await step(timely, assessor, { step: 'speech_delivered', note: 'At the October meeting' })).status).toBe(
      200,
    );

    const due = (await suite.db.query('SELECT opened_at, outcome_due_at FROM cases WHERE id = $1', [late])).rows[0] as {
      opened_at: Date;
      outcome_due_at: Date;
    };
    expect(due.outcome_due_at.getTime() - due.opened_at.getTime()).toBeGreaterThanOrEqual(2_000);
    const overdue = await eventually(
      async () =>
        (await suite.db.query('SELECT status, overdue FROM cases WHERE id = $1 AND overdue', [late])).rows[0] as
          | { status: string }
          | undefined,
      { timeoutMs: 15_000 },
    );
    expect(overdue).toEqual({ status: 'in_progress', overdue: true });
    const escalations = await suite.db.query('SELECT addressed_to FROM escalations WHERE key LIKE $1', [
      `case/${late}/%`,
    ]);
    expect(escalations.rows).toEqual([{ addressed_to: 'LEADERSHIP' }]);
    const notices = await suite.db.query('SELECT kind, recipient_role FROM notifications WHERE key LIKE $1', [
      `case/${late}/%`,
    ]);
    expect(notices.rows).toEqual([{ kind: 'deadline', recipient_role: 'ASSESSOR' }]);
    expect((await events(late)).map((event) => event.kind)).toEqual(['opened', 'overdue']);

    // Carried out in time: nothing sent. Overdue: the step can still be recorded.
    expect(
      (await suite.db.query('SELECT count(*)::int AS n FROM notifications WHERE key LIKE $1', [`case/${timely}/%`]))
        .rows[0].n,
    ).toBe(0);
    expect(await caseRow(timely)).toMatchObject({ status: 'completed' });
    expect((await step(late, assessor, { step: 'speech_delivered', note: 'Delivered late' })).body).toMatchObject({
      status: 'completed',
      overdue: true,
    });
  });

  it('lists and shows cases, and keeps unit people to their own unit', async () => {
    const caseId = await openCase('written_explanation', 9, { unitId: 'u-b' });

    const rejected = await call('GET', `/cases?cycleId=${cycleId}&status=rejected`, { actor: discipline });
    expect(rejected.status).toBe(200);
    expect(
      (rejected.body as unknown as Array<{ rung: string; month: number }>).map(({ rung, month }) => [rung, month]),
    ).toEqual([['interview', 5]]);

    const own = await call('GET', `/cases?cycleId=${cycleId}`, { actor: headOf('u-b') });
    expect((own.body as unknown as Array<{ caseId: string }>).map((item) => item.caseId)).toEqual([caseId]);
    expect((await call('GET', `/cases?unitId=u-a`, { actor: headOf('u-b') })).status).toBe(403);
    expect(
      (await call('GET', casePath(caseIdOf(cycleId, 'u-a', 'interview', 2)), { actor: headOf('u-b') })).status,
    ).toBe(404);
    expect((await call('GET', '/cases?status=lost', { actor: discipline })).status).toBe(400);

    const shown = await call('GET', casePath(caseId), { actor: headOf('u-b') });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      caseId,
      rung: 'written_explanation',
      status: 'in_progress',
      explanation: { text: 'Lagging in month 9' },
      events: [{ seq: 1, kind: 'opened' }],
    });
    expect(shown.body.live).toMatchObject({
      status: 'in_progress',
      remainingSteps: ['explanation_submitted', 'explanation_accepted'],
    });
    const waitingFor = await suite.temporal.workflow
      .getHandle(caseWorkflowId(cycleId, 'u-b', 'written_explanation', 9))
      .query(pendingStepsQuery);
    expect(waitingFor).toEqual([
      { step: 'case.explanation_submitted', role: 'UNIT_HEAD', unitId: 'u-b', dueAt: null },
      { step: 'case.explanation_submitted', role: 'UNIT_REPORTER', unitId: 'u-b', dueAt: null },
    ]);

    expect((await call('GET', casePath(`${cycleId}/u-a/interview/m11`), { actor: discipline })).body.code).toBe(
      'CASE_NOT_FOUND',
    );
    const malformed = await decide(caseId, orgDept, { approve: 'yes' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.details).toEqual([expect.objectContaining({ path: 'approve' })]);
  });

  it('names the accounts linked to the head and deputy posts a case concerns; they read it, another unit gets 404', async () => {
    const caseId = await openCase('quarterly_discipline', 10, { concerns: { head: '甲', deputy: '乙' } });
    const before = await call('GET', casePath(caseId), { actor: assessor });
    expect(before.body.concernedAccounts).toEqual({ head: null, deputy: null });

    // Every actor of this suite signs in with its own account (made on first use): link those to the posts.
    const deputy: ActorHeaders = { user: 'li.deputy', roles: ['UNIT_HEAD'], unit: 'u-a' };
    expect((await call('GET', casePath(caseId), { actor: deputy })).status).toBe(200);
    const link = (id: string, unitId: string, unitPost: 'head' | 'deputy', displayName: string) =>
      call('PATCH', `/accounts/${id}`, { actor: admin, body: { displayName, unitId, unitPost } });
    expect((await link('head-u-a', 'u-a', 'head', '甲')).status).toBe(200);
    expect((await link('li.deputy', 'u-a', 'deputy', '乙')).status).toBe(200);
    expect((await link('head-u-b', 'u-b', 'head', '丙')).status).toBe(200);

    const shown = await call('GET', casePath(caseId), { actor: headOf('u-a') });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      concerns: { head: '甲', deputy: '乙' },
      concernedAccounts: { head: { id: 'head-u-a', name: '甲' }, deputy: { id: 'li.deputy', name: '乙' } },
    });
    expect((await call('GET', casePath(caseId), { actor: deputy })).status).toBe(200);
    expect((await call('GET', casePath(caseId), { actor: headOf('u-b') })).status).toBe(404);

    const listed = await call('GET', `/cases?cycleId=${cycleId}&unitId=u-a`, { actor: assessor });
    const rows = listed.body as unknown as Array<{ caseId: string; rung: string; concernedAccounts: unknown }>;
    expect(rows.find((row) => row.caseId === caseId)?.concernedAccounts).toEqual({
      head: { id: 'head-u-a', name: '甲' },
      deputy: { id: 'li.deputy', name: '乙' },
    });
    // The deputy is concerned only by quarterly discipline.
    expect(rows.find((row) => row.rung === 'interview')?.concernedAccounts).toEqual({
      head: { id: 'head-u-a', name: '甲' },
      deputy: null,
    });

    expect(
      (await call('POST', '/accounts/head-u-a/disable', { actor: admin, body: { reason: 'left the post' } })).status,
    ).toBe(200);
    const unlinked = await call('GET', casePath(caseId), { actor: assessor });
    expect(unlinked.body.concernedAccounts).toEqual({ head: null, deputy: { id: 'li.deputy', name: '乙' } });
  });
});
