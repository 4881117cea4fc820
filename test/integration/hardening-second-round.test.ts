import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIdOf, caseWorkflowId, type CaseInput } from '@jiebang/contracts';
import { RANK_LADDER } from '@jiebang/domain';
import { caseWorkflow } from '../../workflows';
import { eventually, refreshCookieOf, type ActorHeaders } from '../support/jiebang';
import { tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';
import { TEST_PASSWORD } from '../support/users';

const { admin, assessor } = ACTORS;
const UNIT = 'u-a';
const OTHER_UNIT = 'u-b';

/** The probe's account: reporter of unit A and assessor (the accounts API accepts the mix). */
const reporterAndAssessor: ActorHeaders = {
  user: 'mixed-reporter-assessor',
  roles: ['UNIT_REPORTER', 'ASSESSOR'],
  unit: UNIT,
};

describe('hardening, second round, over real HTTP, Temporal and Postgres', () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  let cycleId: string;

  beforeAll(async () => {
    suite = await startJiebangSuite('hardening-second-round');
    const imported = await call('POST', '/cycles', { actor: admin, body: tinyScenario('Second round district') });
    expect(imported.status).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
  });

  afterAll(async () => {
    await suite?.stop();
  });

  async function openItem(unitId: string): Promise<string> {
    const opened = await call('POST', '/supervision-items', {
      actor: assessor,
      body: {
        cycleId,
        unitId,
        title: 'Land clearance',
        description: 'Stuck since March',
        deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
    });
    expect(opened.status).toBe(201);
    const id = (opened.body.item as { id: string }).id;
    await eventually(async () => {
      const { rows } = await suite.db.query('SELECT 1 FROM supervision_items WHERE id = $1', [id]);
      return rows.length > 0 ? true : undefined;
    });
    return id;
  }

  describe('separation of duties', () => {
    it('refuses every deciding step about the unit the person belongs to, and audits each refusal', async () => {
      const itemId = await openItem(UNIT);
      const report = `/cycles/${cycleId}/units/${UNIT}/reports/1`;
      const steps: Array<{ step: string; method: string; path: string; body: unknown }> = [
        { step: 'review', method: 'POST', path: `${report}/review`, body: { decision: 'approve' } },
        {
          step: 'rating',
          method: 'POST',
          path: `${report}/ratings`,
          body: { indicatorId: `${UNIT}-invest`, value: 90 },
        },
        { step: 'extension decision', method: 'POST', path: `${report}/extension/decision`, body: { approve: true } },
        {
          step: 'veto',
          method: 'POST',
          path: `/cycles/${cycleId}/vetoes`,
          body: { unitId: UNIT, month: 1, reason: 'accident' },
        },
        {
          step: 'appeal decision',
          method: 'POST',
          path: `/cycles/${cycleId}/months/1/appeals/${UNIT}/decision`,
          body: { decision: 'correct', comment: 'recounted', values: { [`${UNIT}-invest`]: 30000 } },
        },
        {
          step: 'supervision verification',
          method: 'POST',
          path: `/supervision-items/${itemId}/verification`,
          body: { accept: true },
        },
      ];
      for (const { step, method, path, body } of steps) {
        const refused = await call(method, path, { actor: reporterAndAssessor, body });
        expect({ step, status: refused.status, code: refused.body.code }).toEqual({
          step,
          status: 403,
          code: 'SEPARATION_OF_DUTIES',
        });
        expect(refused.body.message).toContain(`UNIT_REPORTER of unit ${UNIT}`);
      }
      const { rows: vetoes } = await suite.db.query('SELECT 1 FROM vetoes WHERE cycle_id = $1', [cycleId]);
      expect(vetoes).toEqual([]);

      const audited = await eventually(async () => {
        const { rows } = await suite.db.query<{ subject: string }>(
          `SELECT subject FROM audit_log WHERE action = 'refused.separation_of_duties' AND actor_id = $1`,
          [reporterAndAssessor.user],
        );
        return rows.length >= steps.length ? rows.map((row) => row.subject) : undefined;
      });
      expect(audited).toEqual(expect.arrayContaining(steps.map(({ method, path }) => `${method} ${path}`)));
    });

    it('refuses a case decision to an approver who belongs to the unit or is named in the case', async () => {
      const rule = RANK_LADDER.find((candidate) => candidate.rung === 'interview')!;
      const input: CaseInput = {
        caseId: caseIdOf(cycleId, UNIT, 'interview', 3),
        cycleId,
        unitId: UNIT,
        rung: 'interview',
        month: 3,
        ruleId: rule.id,
        approvers: [...rule.approvers],
        nominatedBy: rule.nominatedBy ?? null,
        explanation: {
          text: 'Lagging',
          rule: rule.id,
          months: [2, 3],
          ranks: [2, 2],
          scores: [61, 60],
          indicators: [],
        },
        approvalDeadline: '1h',
        unitHeadId: `head-${UNIT}`,
        concerns: { head: `head-${UNIT}`, deputy: 'org-deputy' },
      };
      await suite.temporal.workflow.start(caseWorkflow, {
        taskQueue: 'hardening-second-round',
        workflowId: caseWorkflowId(cycleId, UNIT, 'interview', 3),
        args: [input],
      });
      await eventually(async () => {
        const { rows } = await suite.db.query('SELECT 1 FROM cases WHERE id = $1', [input.caseId]);
        return rows.length > 0 ? true : undefined;
      });
      const path = `/cases/${encodeURIComponent(input.caseId)}/decisions`;
      const reporterAndOrgDept = { user: 'org-reporter', roles: ['ORG_DEPT', 'UNIT_REPORTER'], unit: UNIT };
      const namedDeputy = { user: 'org-deputy', roles: ['ORG_DEPT'] };
      for (const actor of [reporterAndOrgDept, namedDeputy]) {
        const refused = await call('POST', path, { actor, body: { approve: true } });
        expect({ user: actor.user, status: refused.status, code: refused.body.code }).toEqual({
          user: actor.user,
          status: 403,
          code: 'SEPARATION_OF_DUTIES',
        });
      }
      const { rows } = await suite.db.query('SELECT decisions FROM cases WHERE id = $1', [input.caseId]);
      expect(rows[0].decisions).toEqual([]);
      expect((await call('POST', path, { actor: ACTORS.orgDept, body: { approve: true } })).status).toBe(200);
    });

    it('lets the same person decide about another unit', async () => {
      const veto = await call('POST', `/cycles/${cycleId}/vetoes`, {
        actor: reporterAndAssessor,
        body: { unitId: OTHER_UNIT, month: 1, reason: 'accident' },
      });
      expect(veto.status).toBe(201);
      const review = await call('POST', `/cycles/${cycleId}/units/${OTHER_UNIT}/reports/1/review`, {
        actor: reporterAndAssessor,
        body: { decision: 'approve' },
      });
      expect(review.body.code).not.toBe('SEPARATION_OF_DUTIES');
    });
  });

  describe('scenario limits and all-or-nothing imports', () => {
    it.each(['reviewDeadline', 'pledgeDeadline'])(
      'refuses "%s":"100000000d" with a 400 naming the field, storing nothing',
      async (field) => {
        const name = `Far deadline ${field}`;
        const refused = await call('POST', '/cycles', {
          actor: assessor,
          body: tinyScenario(name, { [field]: '100000000d' }),
        });
        expect(refused.status).toBe(400);
        expect(refused.body.code).toBe('INVALID_SCENARIO');
        expect(JSON.stringify(refused.body.details)).toContain(`policy.${field}`);
        const { rows } = await suite.db.query('SELECT 1 FROM cycles WHERE name = $1', [name]);
        expect(rows).toEqual([]);
        const again = await call('POST', '/cycles', {
          actor: assessor,
          body: tinyScenario(name, { [field]: '100000000d' }),
        });
        expect(again.status).toBe(400);
        expect((await call('GET', '/cycles', { actor: assessor })).status).toBe(200);
      },
    );

    it('keeps listing cycles when one stored cycle has a pledge deadline past the last date', async () => {
      const imported = await call('POST', '/cycles', { actor: admin, body: tinyScenario('Stored before the limits') });
      expect(imported.status).toBe(201);
      const brokenId = (imported.body.cycle as { id: string }).id;
      // A cycle stored before durations had their ranges: written as the old import would have.
      await suite.db.query(
        `UPDATE cycles SET policy = jsonb_set(policy, '{pledgeDeadline}', '"100000000d"') WHERE id = $1`,
        [brokenId],
      );
      const listed = await call('GET', '/cycles', { actor: assessor });
      expect(listed.status).toBe(200);
      const cycles = listed.body as unknown as Array<{ id: string; pledgeDeadline: string | null }>;
      expect(cycles.find((cycle) => cycle.id === brokenId)?.pledgeDeadline).toBeNull();
      expect(cycles.find((cycle) => cycle.id === cycleId)?.pledgeDeadline).toEqual(expect.any(String));
    });

    it('makes one cycle of two identical imports at once: one 201, one 200 with the same cycle', async () => {
      const scenario = tinyScenario('Imported twice at once');
      const both = await Promise.all([
        call('POST', '/cycles', { actor: admin, body: scenario }),
        call('POST', '/cycles', { actor: assessor, body: scenario }),
      ]);
      expect(both.map((answer) => answer.status).sort()).toEqual([200, 201]);
      expect(both.map((answer) => answer.body.created).sort()).toEqual([false, true]);
      const ids = both.map((answer) => (answer.body.cycle as { id: string }).id);
      expect(ids[0]).toBe(ids[1]);
      const third = await call('POST', '/cycles', { actor: admin, body: scenario });
      expect(third.status).toBe(200);
      expect(third.body).toMatchObject({ created: false, cycle: { id: ids[0] } });
      const { rows } = await suite.db.query('SELECT count(*)::int AS n FROM cycles WHERE id = $1', [ids[0]]);
      expect(rows[0].n).toBe(1);
    });
  });

  describe('the refresh token', () => {
    it('is only in the httpOnly cookie, never in the body of a sign-in or a refresh', async () => {
      await call('GET', '/auth/me', { actor: { user: 'cookie-user', roles: ['ASSESSOR'] } });
      const login = await fetch(`${suite.baseUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'cookie-user', password: TEST_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const loginText = await login.text();
      const cookie = refreshCookieOf(login.headers);
      expect(cookie).toMatch(/^[\w-]{20,}$/);
      expect(login.headers.getSetCookie().join('\n')).toMatch(/HttpOnly/i);
      expect(loginText).not.toContain(cookie!);
      expect(JSON.parse(loginText)).not.toHaveProperty('refreshToken');
      expect(JSON.parse(loginText)).toHaveProperty('accessToken');

      const refreshed = await fetch(`${suite.baseUrl}/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `jiebang_refresh=${cookie}` },
        body: '{}',
      });
      expect(refreshed.status).toBe(200);
      const rotated = refreshCookieOf(refreshed.headers);
      expect(rotated).toBeDefined();
      expect(rotated).not.toBe(cookie);
      const refreshedText = await refreshed.text();
      expect(refreshedText).not.toContain(rotated!);
      expect(JSON.parse(refreshedText)).not.toHaveProperty('refreshToken');
    });
  });
  describe('one text hygiene for every way in', () => {
    const csv = (text: string, query = '') =>
      call('POST', `/accounts/import${query}`, {
        actor: admin,
        rawBody: text,
        headers: { 'content-type': 'text/csv' },
      });

    it.each([
      ['NUL in a display name', 'id,name,roles\nnul-user,Li\u0000Ming,ASSESSOR\n', 'name'],
      ['ESC in a display name', 'id,name,roles\nesc-user,Li\u001b[31mMing,ASSESSOR\n', 'name'],
      ['BEL in a DingTalk id', 'id,name,roles,dingtalk\nbel-user,Li Ming,ASSESSOR,ding\u0007x\n', 'dingtalk'],
      ['backspace in a display name', 'id,name,roles\nbs-user,Li\bMing,ASSESSOR\n', 'name'],
      ['a right-to-left override in a display name', 'id,name,roles\nrlo-user,李明\u202E,ASSESSOR\n', 'name'],
      ['a display name of zero-width characters only', 'id,name,roles\nzw-user,\u200B\u200B,ASSESSOR\n', 'name'],
    ])('refuses a CSV cell with %s: 400 naming line and column, nothing stored', async (_label, file, field) => {
      const refused = await csv(file);
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('IMPORT_INVALID');
      expect(refused.body.details).toEqual([expect.objectContaining({ line: 2, field })]);
      const id = file.split('\n')[1]!.split(',')[0];
      expect((await suite.db.query('SELECT 1 FROM users WHERE id = $1', [id])).rows).toEqual([]);
    });

    it('refuses an xlsx cell with a right-to-left override', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('通讯录');
      sheet.addRow(['账号', '姓名', '角色']);
      sheet.addRow(['xlsx-rlo', '王芳\u202Egpj.exe', 'ASSESSOR']);
      const refused = await call('POST', '/accounts/import', {
        actor: admin,
        rawBody: new Uint8Array(await workbook.xlsx.writeBuffer()),
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.details).toEqual([expect.objectContaining({ line: 2, field: 'name' })]);
    });

    it('refuses the same texts as JSON, in a query, and as an evidence file name', async () => {
      for (const displayName of ['李明\u202E', '\u200B\u200C']) {
        const refused = await call('POST', '/accounts', {
          actor: admin,
          body: { id: 'json-hostile', displayName, roles: ['ASSESSOR'] },
        });
        expect(refused.status).toBe(400);
        expect(JSON.stringify(refused.body.details)).toContain('displayName');
      }
      const query = await call('GET', `/audit?action=${encodeURIComponent('account.\u202Ecreated')}`, { actor: admin });
      expect(query.status).toBe(400);
      expect(query.body.message).toContain('action');
      const upload = await call(
        'POST',
        `/cycles/${cycleId}/units/${UNIT}/reports/1/evidence?name=${encodeURIComponent('invoice\u202Efdp.exe')}`,
        { actor: ACTORS.reporterOf(UNIT), rawBody: '%PDF-1.4', headers: { 'content-type': 'application/pdf' } },
      );
      expect(upload.status).toBe(400);
    });

    it('refuses a scenario whose unit name holds a right-to-left override or only zero-width characters', async () => {
      for (const name of ['区发改局\u202E', '\u200B\u200B']) {
        const scenario = tinyScenario('Hostile names district');
        (scenario.units as Array<{ name: string }>)[0]!.name = name;
        const refused = await call('POST', '/cycles', { actor: assessor, body: scenario });
        expect(refused.status).toBe(400);
        expect(refused.body.details).toEqual([
          { path: 'units[0].name', message: expect.any(String), code: 'unsafe_text' },
        ]);
      }
      expect((await suite.db.query(`SELECT 1 FROM cycles WHERE name = 'Hostile names district'`)).rows).toEqual([]);
    });

    it('compares account ids case-insensitively: ZT-HEAD-A1 beside zt-head-a1 is refused', async () => {
      const first = await call('POST', '/accounts', {
        actor: admin,
        body: { id: 'ZT-HEAD-A1', displayName: '张涛', roles: ['ASSESSOR'] },
      });
      expect(first.status).toBe(201);
      const second = await call('POST', '/accounts', {
        actor: admin,
        body: { id: 'zt-head-a1', displayName: '张涛', roles: ['ASSESSOR'] },
      });
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ code: 'ACCOUNT_EXISTS', message: expect.stringContaining('ZT-HEAD-A1') });
      const imported = await csv('id,name,roles\nzt-head-a1,张涛,ASSESSOR\n', '?update=true');
      expect(imported.status).toBe(400);
      expect(imported.body.details).toEqual([expect.objectContaining({ line: 2, field: 'id' })]);
      const inOneFile = await csv('id,name,roles\nwu-fang,吴芳,ASSESSOR\nWU-FANG,吴芳,ASSESSOR\n');
      expect(inOneFile.status).toBe(400);
      expect(inOneFile.body.details).toEqual([expect.objectContaining({ line: 3, field: 'id' })]);
      const { rows } = await suite.db.query(`SELECT id FROM users WHERE lower(id) IN ('zt-head-a1', 'wu-fang')`);
      expect(rows).toEqual([{ id: 'ZT-HEAD-A1' }]);
    });
  });

  describe('the address-book import keeps the last-administrator lock', () => {
    it('lets only one of two administrators who demote each other at once succeed', async () => {
      const second = { user: 'admin-2', roles: ['ADMIN'] };
      expect((await call('GET', '/auth/me', { actor: second })).status).toBe(200);
      expect((await call('GET', '/auth/me', { actor: admin })).status).toBe(200);
      await suite.db.query(
        `UPDATE users SET roles = '{ASSESSOR}' WHERE 'ADMIN' = ANY(roles) AND id NOT IN ('admin-1', 'admin-2')`,
      );
      const demote = (actor: ActorHeaders, other: string) =>
        call('POST', '/accounts/import?update=true', {
          actor,
          rawBody: `id,name,roles\n${other},${other},ASSESSOR\n`,
          headers: { 'content-type': 'text/csv' },
        });
      const answers = await Promise.all([demote(admin, 'admin-2'), demote(second, 'admin-1')]);
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      const { rows } = await suite.db.query(`SELECT id FROM users WHERE 'ADMIN' = ANY(roles) AND NOT disabled`);
      expect(rows).toHaveLength(1);
      await suite.db.query(`UPDATE users SET roles = '{ADMIN}' WHERE id IN ('admin-1', 'admin-2')`);
    });
  });
  describe("units across cycles: the district's unit register", () => {
    const withUnits = (name: string, units: Array<{ id: string; name: string }>) => {
      const scenario = tinyScenario(name);
      scenario.units = units.map((unit) => ({ ...unit, category: 'econ' }));
      scenario.indicators = (scenario.indicators as Array<Record<string, unknown>>).map((indicator, index) => ({
        ...indicator,
        id: `${units[index]!.id}-invest`,
        unit: units[index]!.id,
      }));
      return scenario;
    };

    it('refuses an import that gives a registered unit id to a unit of another name, naming the unit', async () => {
      const refused = await call('POST', '/cycles', {
        actor: assessor,
        body: withUnits('Reused ids district', [
          { id: UNIT, name: '区财政局' },
          { id: 'u-new', name: '区审计局' },
        ]),
      });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('UNIT_ID_REUSED');
      expect(refused.body.details).toEqual([
        { path: 'units[0].id', message: expect.stringContaining(`unit id ${UNIT} is 区发改局`) },
      ]);
      const caseOnly = await call('POST', '/cycles', {
        actor: assessor,
        body: withUnits('Shouted ids district', [
          { id: UNIT.toUpperCase(), name: '区发改局' },
          { id: 'u-new', name: '区审计局' },
        ]),
      });
      expect(caseOnly.status).toBe(409);
      expect(caseOnly.body.details).toEqual([{ path: 'units[0].id', message: expect.stringContaining('case') }]);
      const stored = await suite.db.query(`SELECT 1 FROM cycles WHERE name LIKE '%ids district'`);
      expect(stored.rows).toEqual([]);
      const registered = await suite.db.query(`SELECT 1 FROM district_units WHERE id = 'u-new'`);
      expect(registered.rows).toEqual([]);
    });

    it("means one unit by an id in every cycle, so a head's binding follows the unit", async () => {
      const imported = await call('POST', '/cycles', {
        actor: assessor,
        body: withUnits('Next year district', [
          { id: UNIT, name: '区发改局' },
          { id: 'u-c', name: '区审计局' },
        ]),
      });
      expect(imported.status).toBe(201);
      const nextCycleId = (imported.body.cycle as { id: string }).id;
      const { rows } = await suite.db.query(`SELECT id, name FROM district_units WHERE id IN ($1, 'u-c') ORDER BY id`, [
        UNIT,
      ]);
      expect(rows).toEqual([
        { id: UNIT, name: '区发改局' },
        { id: 'u-c', name: '区审计局' },
      ]);
      for (const cycle of [cycleId, nextCycleId]) {
        const detail = await call('GET', `/cycles/${cycle}`, { actor: ACTORS.headOf(UNIT) });
        const units = (detail.body.organisation as { units: Array<{ id: string; name: string }> }).units;
        expect(units.find((unit) => unit.id === UNIT)?.name).toBe('区发改局');
      }
    });
  });
});
