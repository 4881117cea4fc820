import { JwtService } from '@nestjs/jwt';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwtSecretOf } from '@jiebang/config';
import { supervisionWorkflowId } from '@jiebang/contracts';
import { respondToSupervisionUpdate } from '@jiebang/contracts/temporal';
import { eventually, signIn, type ActorHeaders, type CallResult } from '../support/jiebang';
import { tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';
import { ensureTestUser, TEST_PASSWORD } from '../support/users';

const { admin, assessor, headOf, reporterOf } = ACTORS;
const UNIT = 'u-a';
const OTHER_UNIT = 'u-b';

/** Text no field accepts: control characters (NUL first, which Postgres refuses) and lengths past every bound. */
const HOSTILE_TEXT = ['done\u0000', 'x\u0000', '\u0007bell', 'esc\u001b[31m', 'del\u007f', 'x'.repeat(20_000)];
/** Ids no path accepts. */
const HOSTILE_IDS = ['abc%00', 'abc%00def', 'sv%00x', '%00', '%07', 'x'.repeat(400)];
/** Months no path accepts: other notations of 1, and numbers outside 1..12. */
const HOSTILE_MONTHS = ['0x1', '1e0', '01.0', '1.5', '0', '13', '-1', '%201', '99999999999999999999'];
/** Numbers no value accepts, as raw JSON (1e999 parses to Infinity). */
const HOSTILE_NUMBERS = ['-1e308', '1e308', '1e999', '-1e999', '1e16', '"12"', 'null'];

/** The rows a refused request must not leave behind (refusals and sign-ins are audited, nothing else). */
const WRITTEN_ROWS = `
  SELECT (SELECT count(*) FROM audit_log WHERE action NOT LIKE 'refused.%' AND action NOT LIKE 'auth.%')::int AS audit,
         (SELECT count(*) FROM vetoes)::int AS vetoes,
         (SELECT count(*) FROM supervision_items)::int AS items,
         (SELECT count(*) FROM supervision_events)::int AS item_events,
         (SELECT coalesce(sum(revision), 0) FROM reports)::int AS report_revisions,
         (SELECT count(*) FROM cycles)::int AS cycles,
         (SELECT count(*) FROM cases)::int AS cases,
         (SELECT count(*) FROM appeals)::int AS appeals`;

interface Probe {
  label: string;
  method: string;
  path: string;
  actor?: ActorHeaders;
  body?: unknown;
  rawBody?: string;
}

describe('hostile and careless input over real HTTP, Temporal and Postgres', () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  let cycleId: string;
  let itemId: string;
  let otherItemId: string;
  const caseId = () => encodeURIComponent(`${cycleId}/${UNIT}/interview/m1`);

  beforeAll(async () => {
    suite = await startJiebangSuite('hardening-suite');
    const imported = await call('POST', '/cycles', { actor: admin, body: tinyScenario('Hardening district') });
    expect(imported.status).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
    itemId = await openItem(UNIT, 'Stuck land clearance');
    otherItemId = await openItem(OTHER_UNIT, 'Secret road works');
  });

  afterAll(async () => {
    await suite?.stop();
  });

  async function openItem(unitId: string, title: string): Promise<string> {
    const opened = await call('POST', '/supervision-items', {
      actor: assessor,
      body: {
        cycleId,
        unitId,
        title,
        description: `${title} since March`,
        deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
    });
    expect(opened.status).toBe(201);
    const id = (opened.body.item as { id: string }).id;
    await eventually(async () => {
      const { rows } = await suite.db.query('SELECT 1 FROM supervision_events WHERE item_id = $1', [id]);
      return rows.length > 0 ? true : undefined;
    });
    return id;
  }

  /** Every endpoint that takes free text, each text field with a hostile value in it. */
  const textProbes = (text: string): Probe[] => {
    const report = `/cycles/${cycleId}/units/${UNIT}/reports/1`;
    return [
      { label: 'login username', method: 'POST', path: '/auth/login', body: { username: text, password: 'x' } },
      { label: 'login password', method: 'POST', path: '/auth/login', body: { username: 'alice', password: text } },
      { label: 'refresh token', method: 'POST', path: '/auth/refresh', body: { refreshToken: text } },
      {
        label: 'supervision title',
        method: 'POST',
        path: '/supervision-items',
        actor: assessor,
        body: { cycleId, unitId: UNIT, title: text, description: 'd', deadline: new Date(Date.now() + 1e9) },
      },
      {
        label: 'supervision description',
        method: 'POST',
        path: '/supervision-items',
        actor: assessor,
        body: { cycleId, unitId: UNIT, title: 'Hostile', description: text, deadline: new Date(Date.now() + 1e9) },
      },
      {
        label: 'supervision response',
        method: 'POST',
        path: `/supervision-items/${itemId}/response`,
        actor: reporterOf(UNIT),
        body: { text },
      },
      {
        label: 'supervision verification',
        method: 'POST',
        path: `/supervision-items/${itemId}/verification`,
        actor: assessor,
        body: { accept: false, comment: text },
      },
      {
        label: 'veto reason',
        method: 'POST',
        path: `/cycles/${cycleId}/vetoes`,
        actor: assessor,
        body: { unitId: UNIT, month: 3, reason: text },
      },
      {
        label: 'veto evidence',
        method: 'POST',
        path: `/cycles/${cycleId}/vetoes`,
        actor: assessor,
        body: { unitId: UNIT, month: 3, reason: 'accident', evidence: text },
      },
      {
        label: 'appeal reason',
        method: 'POST',
        path: `/cycles/${cycleId}/months/1/appeals`,
        actor: headOf(UNIT),
        body: { unitId: UNIT, reason: text },
      },
      {
        label: 'appeal decision comment',
        method: 'POST',
        path: `/cycles/${cycleId}/months/1/appeals/${UNIT}/decision`,
        actor: assessor,
        body: { decision: 'uphold', comment: text },
      },
      {
        label: 'review comment',
        method: 'POST',
        path: `${report}/review`,
        actor: assessor,
        body: { decision: 'return', comment: text },
      },
      {
        label: 'extension reason',
        method: 'POST',
        path: `${report}/extension`,
        actor: reporterOf(UNIT),
        body: { until: new Date(Date.now() + 86_400_000).toISOString(), reason: text },
      },
      {
        label: 'extension decision comment',
        method: 'POST',
        path: `${report}/extension/decision`,
        actor: assessor,
        body: { approve: false, comment: text },
      },
      {
        label: 'case decision reason',
        method: 'POST',
        path: `/cases/${caseId()}/decisions`,
        actor: assessor,
        body: { approve: false, reason: text },
      },
      {
        label: 'case step note',
        method: 'POST',
        path: `/cases/${caseId()}/steps`,
        actor: assessor,
        body: { step: 'scheduled', note: text },
      },
      {
        label: 'report value key',
        method: 'PUT',
        path: report,
        actor: reporterOf(UNIT),
        body: { values: { [text]: 1 }, submit: false },
      },
      {
        label: 'cycle name',
        method: 'POST',
        path: '/cycles',
        actor: admin,
        body: { ...tinyScenario('Hostile'), name: text },
      },
    ];
  };

  /** Every endpoint that takes an id in its path, and the audit's and lists' filters. */
  const idProbes = (id: string): Probe[] => [
    { label: 'cycle', method: 'GET', path: `/cycles/${id}`, actor: admin },
    { label: 'unit', method: 'GET', path: `/cycles/${cycleId}/units/${id}`, actor: admin },
    { label: 'unit of cycle', method: 'GET', path: `/cycles/${id}/units/${UNIT}`, actor: admin },
    { label: 'case', method: 'GET', path: `/cases/${id}`, actor: admin },
    { label: 'supervision item', method: 'GET', path: `/supervision-items/${id}`, actor: admin },
    {
      label: 'supervision response',
      method: 'POST',
      path: `/supervision-items/${id}/response`,
      actor: reporterOf(UNIT),
      body: { text: 'done' },
    },
    { label: 'workflow', method: 'GET', path: `/admin/workflows/${id}`, actor: admin },
    { label: 'vetoes', method: 'GET', path: `/cycles/${id}/vetoes`, actor: admin },
    { label: 'audit action', method: 'GET', path: `/audit?action=${id}`, actor: admin },
    { label: 'audit actor', method: 'GET', path: `/audit?actor=${id}`, actor: admin },
    { label: 'case filter', method: 'GET', path: `/cases?unitId=${id}`, actor: admin },
    { label: 'supervision filter', method: 'GET', path: `/supervision-items?cycleId=${id}`, actor: admin },
    { label: 'workflow filter', method: 'GET', path: `/admin/workflows?cycleId=${id}`, actor: admin },
  ];

  /** Every endpoint that takes a number. */
  const numberProbes = (raw: string): Probe[] => {
    const report = `/cycles/${cycleId}/units/${UNIT}/reports/1`;
    return [
      {
        label: 'report value',
        method: 'PUT',
        path: report,
        actor: reporterOf(UNIT),
        rawBody: `{"values":{"${UNIT}-invest":${raw}},"submit":false}`,
      },
      {
        label: 'rating',
        method: 'POST',
        path: `${report}/ratings`,
        actor: assessor,
        rawBody: `{"indicatorId":"${UNIT}-invest","value":${raw}}`,
      },
      {
        label: 'veto month',
        method: 'POST',
        path: `/cycles/${cycleId}/vetoes`,
        actor: assessor,
        rawBody: `{"unitId":"${UNIT}","month":${raw},"reason":"accident"}`,
      },
      {
        label: 'appeal correction',
        method: 'POST',
        path: `/cycles/${cycleId}/months/1/appeals/${UNIT}/decision`,
        actor: assessor,
        rawBody: `{"decision":"correct","comment":"recount","values":{"${UNIT}-invest":${raw}}}`,
      },
    ];
  };

  const monthProbes = (month: string): Probe[] => [
    { label: 'report', method: 'GET', path: `/cycles/${cycleId}/units/${UNIT}/reports/${month}`, actor: admin },
    {
      label: 'save report',
      method: 'PUT',
      path: `/cycles/${cycleId}/units/${UNIT}/reports/${month}`,
      actor: reporterOf(UNIT),
      body: { values: { [`${UNIT}-invest`]: 1 }, submit: false },
    },
    { label: 'close', method: 'POST', path: `/cycles/${cycleId}/months/${month}/close`, actor: assessor },
    { label: 'ranking', method: 'GET', path: `/cycles/${cycleId}/months/${month}/ranking`, actor: admin },
  ];

  /** The other ranges of the issue: huge pages, durations and dates past any cycle, ratings off the scale. */
  const rangeProbes = (): Probe[] => {
    const item = (extra: Record<string, unknown>) => ({
      cycleId,
      unitId: UNIT,
      title: `Range ${JSON.stringify(extra)}`,
      description: 'd',
      deadline: new Date(Date.now() + 1e9).toISOString(),
      ...extra,
    });
    const report = `/cycles/${cycleId}/units/${UNIT}/reports/1`;
    return [
      { label: 'beforeSeq 1e20', method: 'GET', path: '/audit?beforeSeq=99999999999999999999', actor: admin },
      { label: 'beforeSeq 1e308', method: 'GET', path: '/audit?beforeSeq=1e308', actor: admin },
      { label: 'limit 0x10', method: 'GET', path: '/audit?limit=0x10', actor: admin },
      ...['0x1', '1e0', '0', '1e308'].map(
        (version): Probe => ({
          label: `ranking version ${version}`,
          method: 'GET',
          path: `/cycles/${cycleId}/months/1/ranking?version=${version}`,
          actor: admin,
        }),
      ),
      { label: 'from year 99999', method: 'GET', path: '/audit?from=99999-01-01', actor: admin },
      ...['99999999999999d', '0d', '-1d', '1e3d', '367d'].map(
        (grace): Probe => ({
          label: `grace ${grace}`,
          method: 'POST',
          path: '/supervision-items',
          actor: assessor,
          body: item({ accountabilityGrace: grace }),
        }),
      ),
      ...['9999-12-31T00:00:00Z', '0001-01-01T00:00:00Z', 'next week', new Date(Date.now() + 800 * 86_400_000)].map(
        (deadline): Probe => ({
          label: `deadline ${deadline}`,
          method: 'POST',
          path: '/supervision-items',
          actor: assessor,
          body: item({ deadline }),
        }),
      ),
      {
        label: 'extension to 9999',
        method: 'POST',
        path: `${report}/extension`,
        actor: reporterOf(UNIT),
        body: { until: '9999-12-31T00:00:00Z', reason: 'flood' },
      },
      {
        label: 'rating -5',
        method: 'POST',
        path: `${report}/ratings`,
        actor: assessor,
        body: { indicatorId: `${UNIT}-invest`, value: -5 },
      },
      {
        label: 'cycle year 9999 name 99 kB',
        method: 'POST',
        path: '/cycles',
        actor: admin,
        body: { ...tinyScenario('x'.repeat(99_000)) },
      },
    ];
  };

  const send = (probe: Probe): Promise<CallResult> =>
    call(probe.method, probe.path, { actor: probe.actor, body: probe.body, rawBody: probe.rawBody });

  async function expectRefused(probes: Probe[], allowed: (status: number) => boolean): Promise<void> {
    const before = (await suite.db.query(WRITTEN_ROWS)).rows[0];
    const wrong: string[] = [];
    for (const probe of probes) {
      const response = await send(probe);
      if (!allowed(response.status))
        wrong.push(
          `${probe.label} ${probe.method} ${probe.path.slice(0, 80)}: ${response.status} ${response.body.code}`,
        );
    }
    expect(wrong).toEqual([]);
    expect((await suite.db.query(WRITTEN_ROWS)).rows[0]).toEqual(before);
  }

  const clientError = (status: number) => status >= 400 && status < 500;

  it.each(HOSTILE_TEXT.map((text) => [JSON.stringify(text).slice(0, 24), text] as const))(
    'refuses the text %s in every text field with 400, writing nothing',
    async (_label, text) => {
      // 429: sign-in attempts are throttled before their bodies are read; refused all the same.
      await expectRefused(textProbes(text), (status) => [400, 413, 429].includes(status));
    },
  );

  it('names the field that holds a control character, in a body, a path and a query', async () => {
    const body = await call('POST', `/supervision-items/${itemId}/response`, {
      actor: reporterOf(UNIT),
      body: { text: 'done\u0000' },
    });
    expect(body).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: [{ path: 'text' }] } });
    expect(String(body.body.message)).toContain('request body');
    const login = await call('POST', '/auth/login', { body: { username: 'x\u0000', password: 'x' } });
    expect(login.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'username' }] });
    const path = await call('GET', '/cycles/abc%00', { actor: admin });
    expect(path.body).toMatchObject({ statusCode: 400, details: [{ path: 'cycleId' }] });
    expect(String(path.body.message)).toContain('path parameter cycleId');
    const query = await call('GET', '/audit?action=x%00', { actor: admin });
    expect(query.body).toMatchObject({ statusCode: 400, details: [{ path: 'action' }] });
    expect(String(query.body.message)).toContain('query');
  });

  it.each(HOSTILE_IDS)('refuses the id %s in every path and filter with 4xx, writing nothing', async (id) => {
    await expectRefused(idProbes(id), clientError);
  });

  it.each(HOSTILE_NUMBERS)('refuses the number %s in every numeric field with 400, writing nothing', async (raw) => {
    await expectRefused(numberProbes(raw), (status) => status === 400);
  });

  it.each(HOSTILE_MONTHS)('refuses the month %s in every month parameter with 400, writing nothing', async (month) => {
    await expectRefused(monthProbes(month), (status) => status === 400);
  });

  it('refuses pages, durations, dates and ratings out of range with 400, writing nothing', async () => {
    await expectRefused(rangeProbes(), (status) => status === 400);
  });

  it('states the bounds of every text field and path parameter in the OpenAPI document', async () => {
    type Schema = { maxLength?: number; pattern?: string; properties?: Record<string, Schema> };
    type Operation = {
      parameters?: Array<{ in: string; name: string; schema: Schema }>;
      requestBody?: { content: { 'application/json': { schema: Schema } } };
    };
    const document = (await call('GET', '/docs-json')).body as { paths: Record<string, Record<string, Operation>> };
    const bodyOf = (path: string, method = 'post') =>
      document.paths[path][method].requestBody!.content['application/json'].schema.properties!;
    expect(bodyOf('/supervision-items').title.maxLength).toBe(200);
    expect(bodyOf('/supervision-items').description.maxLength).toBe(4000);
    expect(bodyOf('/supervision-items/{id}/response').text.maxLength).toBe(4000);
    expect(bodyOf('/cycles/{cycleId}/vetoes').reason.maxLength).toBe(4000);
    expect(bodyOf('/auth/login').username.maxLength).toBe(64);
    const texts = Object.values(bodyOf('/cases/{caseId}/steps'));
    expect(texts.every((schema) => typeof schema.maxLength === 'number' && schema.pattern)).toBe(true);
    const pathParameters = Object.values(document.paths).flatMap((item) =>
      Object.values(item).flatMap((operation) => (operation.parameters ?? []).filter((p) => p.in === 'path')),
    );
    expect(pathParameters.length).toBeGreaterThan(20);
    const unbounded = pathParameters.filter((p) => p.schema.maxLength === undefined && p.schema.pattern === undefined);
    expect(unbounded.map((p) => p.name)).toEqual([]);
    // Every answer refers to a schema generated from libs/contracts' zod schemas, and each is there.
    const text = JSON.stringify(document);
    const refs = [...new Set([...text.matchAll(/"#\/components\/schemas\/(\w+)"/g)].map((match) => match[1]!))];
    const components = (document as { components?: { schemas?: Record<string, unknown> } }).components?.schemas ?? {};
    expect(refs.length).toBeGreaterThan(20);
    expect(refs.filter((name) => !(name in components))).toEqual([]);
    expect(components.CaseDetailView).toMatchObject({ properties: { caseId: { type: 'string' } } });
  });

  it('calls Infinity a number that is not finite', async () => {
    const response = await send(numberProbes('1e999')[0]);
    expect(response.body.message).toMatch(/finite number/);
    expect(response.body.message).not.toContain('expected number, received number');
  });

  it('answers a body that is not JSON with 415', async () => {
    const response = await call('POST', '/auth/login', {
      rawBody: 'username=alice',
      headers: { 'content-type': 'text/plain' },
    });
    expect(response).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it("answers another unit's supervision item exactly as one that does not exist", async () => {
    const reporter = reporterOf(UNIT);
    const hidden = await call('GET', `/supervision-items/${otherItemId}`, { actor: reporter });
    const absent = await call('GET', `/supervision-items/${'f'.repeat(otherItemId.length)}`, { actor: reporter });
    expect(hidden.status).toBe(404);
    expect({ ...hidden.body, message: undefined }).toEqual({ ...absent.body, message: undefined });
    expect(String(hidden.body.message)).toBe(`No supervision item ${otherItemId}`);
    const respond = await call('POST', `/supervision-items/${otherItemId}/response`, {
      actor: reporter,
      body: { text: 'done' },
    });
    expect(respond.status).toBe(404);
    expect((await call('GET', `/cycles/${cycleId}/units/${OTHER_UNIT}`, { actor: reporter })).status).toBe(404);
  });

  it('refuses an access token without an expiry, even one signed with the right key', async () => {
    await ensureTestUser(suite.stack.databaseUrl, { user: 'no-exp', roles: ['ASSESSOR'] });
    const session = await signIn(suite.baseUrl, 'no-exp', TEST_PASSWORD);
    const { sub, sid } = new JwtService().decode<{ sub: string; sid: string }>(session.accessToken);
    const jwt = new JwtService({ secret: jwtSecretOf(suite.config).secret });
    const claims = { issuer: 'jiebang', audience: 'jiebang-api', subject: sub };
    const forever = jwt.sign({ sid }, claims);
    const decade = jwt.sign({ sid, exp: Math.floor(Date.now() / 1000) + 10 * 365 * 86_400 }, claims);
    for (const token of [forever, decade]) {
      const response = await call('GET', '/auth/me', { token });
      expect(response).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    }
    expect((await call('GET', '/auth/me', { token: session.accessToken })).status).toBe(200);
  });

  it('audits refusals: failed sign-ins, 403 and 409 and token refreshes; counts throttled sign-ins, refused refreshes and 401s', async () => {
    await ensureTestUser(suite.stack.databaseUrl, { user: 'refused-user', roles: ['ASSESSOR'] });
    for (let attempt = 0; attempt < 11; attempt++)
      await call('POST', '/auth/login', { body: { username: 'refused-user', password: 'guess' } });
    await call('POST', '/auth/refresh', { body: { refreshToken: 'not-a-refresh-token' } });
    await call('GET', '/auth/me');
    await call('POST', `/cycles/${cycleId}/vetoes`, {
      actor: reporterOf(UNIT),
      body: { unitId: UNIT, month: 2, reason: 'a reporter may not' },
    });
    const first = await call('POST', `/cycles/${cycleId}/vetoes`, {
      actor: assessor,
      body: { unitId: OTHER_UNIT, month: 2, reason: 'accident' },
    });
    expect(first.status).toBe(201);
    const twice = await call('POST', `/cycles/${cycleId}/vetoes`, {
      actor: assessor,
      body: { unitId: OTHER_UNIT, month: 2, reason: 'accident' },
    });
    expect(twice.status).toBe(409);
    const session = await signIn(suite.baseUrl, 'refused-user', TEST_PASSWORD).catch(() => undefined);
    expect(session).toBeUndefined(); // throttled still
    await ensureTestUser(suite.stack.databaseUrl, { user: 'refreshing-user', roles: ['ASSESSOR'] });
    const refreshable = await signIn(suite.baseUrl, 'refreshing-user', TEST_PASSWORD);
    expect((await call('POST', '/auth/refresh', { body: { refreshToken: refreshable.refreshToken } })).status).toBe(
      200,
    );

    type Row = { actor: string; action: string; reason: string | null; change: Record<string, unknown> | null };
    const rows = await eventually(async () => {
      const response = await call('GET', '/audit?action=refused.&limit=500', { actor: admin });
      const entries = response.body.entries as Row[];
      const codes = new Set(entries.map((entry) => entry.action));
      // Anonymous refusals other than failed password checks are counted (GET /health), not audited.
      const wanted = ['refused.invalid_credentials', 'refused.forbidden', 'refused.veto_already_recorded'];
      return wanted.every((code) => codes.has(code)) ? entries : undefined;
    });
    const failedSignIns = rows.filter(
      (row) => row.action === 'refused.invalid_credentials' && row.change?.username === 'refused-user',
    );
    expect(failedSignIns.length).toBe(10);
    expect(failedSignIns[0].actor).toMatch(/^address:/);
    const anonymous = (await call('GET', '/health')).body.refusals as { anonymous: Record<string, number> };
    expect(anonymous.anonymous.TOO_MANY_REQUESTS).toBeGreaterThanOrEqual(2);
    expect(anonymous.anonymous.UNAUTHENTICATED).toBeGreaterThanOrEqual(2);
    expect(
      rows.filter((row) => row.actor.startsWith('address:') && row.action !== 'refused.invalid_credentials'),
    ).toEqual([]);
    expect(rows.find((row) => row.action === 'refused.forbidden')).toMatchObject({
      actor: `reporter-${UNIT}`,
      change: { code: 'FORBIDDEN', status: 403 },
    });
    expect(rows.find((row) => row.action === 'refused.veto_already_recorded')).toMatchObject({
      actor: assessor.user,
      change: { code: 'VETO_ALREADY_RECORDED', status: 409 },
    });
    const refreshed = await call('GET', '/audit?action=auth.refreshed&actor=refreshing-user', { actor: admin });
    expect(refreshed.body.entries).toHaveLength(1);
    // Sessions are named by a digest: no session id is readable in the trail.
    const trail = JSON.stringify((await call('GET', '/audit?limit=500', { actor: admin })).body);
    const sessions = (await suite.db.query('SELECT id FROM auth_sessions')).rows as Array<{ id: string }>;
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.filter((session) => trail.includes(session.id))).toEqual([]);
    expect(trail).toContain('"session":"session:');
    expect((await call('GET', '/audit/verify', { actor: admin })).body).toMatchObject({ ok: true });
  });

  it('lets a workflow go on when an activity meets a data error no retry can fix, and shows it to administrators', async () => {
    // Past the API (which refuses it), straight to the workflow: a NUL byte Postgres refuses to store.
    const item = await openItem(UNIT, 'Data error item');
    const handle = suite.temporal.workflow.getHandle(supervisionWorkflowId(cycleId, UNIT, item));
    const responded = await handle.executeUpdate(respondToSupervisionUpdate, {
      args: [{ actor: { userId: `reporter-${UNIT}`, roles: ['UNIT_REPORTER'], unitId: UNIT }, text: 'done\u0000' }],
    });
    expect(responded.status).toBe('responded');

    type Failed = { workflowId: string; activityType: string; dataError: boolean; lastError: string };
    const failed = await eventually(async () => {
      const response = await call('GET', '/admin/activities', { actor: admin });
      return (response.body.failed as Failed[]).find((entry) => entry.workflowId === handle.workflowId);
    });
    expect(failed).toMatchObject({ activityType: 'recordSupervisionEvent', dataError: true });
    expect(failed.lastError).toMatch(/Unicode|0x00|escape/i);

    // The workflow is not wedged: the assessor's verification goes through and the item's workflow
    // runs to its end. (Its stored record cannot take the NUL either; each failed write is listed.)
    const verified = await call('POST', `/supervision-items/${item}/verification`, {
      actor: assessor,
      body: { accept: true },
    });
    expect(verified).toMatchObject({ status: 200, body: { status: 'closed' } });
    await expect(handle.result()).resolves.toMatchObject({ status: 'closed' });
    const { rows } = await suite.db.query(
      `SELECT count(*)::int AS failures FROM audit_log WHERE action = 'activity.failed' AND workflow_id = $1`,
      [handle.workflowId],
    );
    expect(rows[0].failures).toBeGreaterThanOrEqual(2);
  });

  it('never answers 500 to a random JSON body, on any endpoint that takes one', async () => {
    const report = `/cycles/${cycleId}/units/${UNIT}/reports/1`;
    const endpoints: Array<Omit<Probe, 'body' | 'label'>> = [
      { method: 'POST', path: '/auth/login' },
      { method: 'POST', path: '/auth/refresh' },
      { method: 'POST', path: '/cycles', actor: admin },
      { method: 'PUT', path: report, actor: reporterOf(UNIT) },
      { method: 'POST', path: `${report}/review`, actor: assessor },
      { method: 'POST', path: `${report}/ratings`, actor: assessor },
      { method: 'POST', path: `${report}/extension`, actor: reporterOf(UNIT) },
      { method: 'POST', path: `${report}/extension/decision`, actor: assessor },
      { method: 'POST', path: `/cycles/${cycleId}/months/1/appeals`, actor: headOf(UNIT) },
      { method: 'POST', path: `/cycles/${cycleId}/months/1/appeals/${UNIT}/decision`, actor: assessor },
      { method: 'POST', path: `/cycles/${cycleId}/vetoes`, actor: assessor },
      { method: 'POST', path: '/supervision-items', actor: assessor },
      { method: 'POST', path: `/supervision-items/${itemId}/response`, actor: reporterOf(UNIT) },
      { method: 'POST', path: `/supervision-items/${itemId}/verification`, actor: assessor },
      { method: 'POST', path: `/cases/${caseId()}/decisions`, actor: assessor },
      { method: 'POST', path: `/cases/${caseId()}/steps`, actor: assessor },
    ];
    const serverErrors: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints), fc.jsonValue(), async (endpoint, body) => {
        const response = await call(endpoint.method, endpoint.path, { actor: endpoint.actor, body });
        if (response.status >= 500)
          serverErrors.push(`${endpoint.method} ${endpoint.path} ${JSON.stringify(body).slice(0, 200)}`);
        return response.status < 500;
      }),
      { numRuns: 200 },
    );
    expect(serverErrors).toEqual([]);
  });

  it('leaves the API and every workflow healthy after all of it', async () => {
    expect((await call('GET', '/health')).status).toBe(200);
    const tasks = await call('GET', `/admin/tasks?cycleId=${cycleId}`, { actor: admin });
    expect(tasks.status).toBe(200);
    expect(tasks.body.unanswered).toEqual([]);
    const activities = await call('GET', '/admin/activities', { actor: admin });
    expect(activities.body.retrying).toEqual([]);
    const unit = await call('GET', `/cycles/${cycleId}/units/${UNIT}`, { actor: admin });
    expect(unit.status).toBe(200);
    const respond = await call('POST', `/supervision-items/${itemId}/response`, {
      actor: reporterOf(UNIT),
      body: { text: 'Cleared at last\twith a tab\nand a newline' },
    });
    expect(respond.status).toBe(200);
  });
});
