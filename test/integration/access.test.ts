import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Client as PgClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwtSecretOf, type AppConfig } from '@jiebang/config';
import {
  httpClient,
  refreshCookieOf,
  signIn,
  startApi,
  startWorker,
  testConfig,
  type ActorHeaders,
  type CallResult,
} from '../support/jiebang';
import { tinyScenario } from '../support/scenarios';
import { startTestStack, type TestStack } from '../support/stack';
import { ensureTestUser, TEST_PASSWORD } from '../support/users';

const ALL_ROLES = [
  'UNIT_HEAD',
  'UNIT_REPORTER',
  'ASSESSOR',
  'ORG_DEPT',
  'DISCIPLINE',
  'LEADERSHIP',
  'ADMIN',
  'RATER',
] as const;
type Role = (typeof ALL_ROLES)[number];
// RATER (评议员) calls too: it may rate and nothing else, so every other route must refuse it.
const ORG_ROLES: Role[] = ['ASSESSOR', 'ORG_DEPT', 'DISCIPLINE', 'LEADERSHIP', 'ADMIN', 'RATER'];
const UNIT = 'u-a';
const OTHER_UNIT = 'u-b';

const admin = { user: 'admin-1', roles: ['ADMIN'] };
const assessor = { user: 'assessor-1', roles: ['ASSESSOR'] };

/** Who calls: nobody, each district-wide role, and each unit role for the unit concerned and for another. */
interface Caller {
  label: string;
  actor?: ActorHeaders;
  role?: Role;
  unit?: 'own' | 'other';
}

const CALLERS: Caller[] = [
  { label: 'anonymous' },
  ...ORG_ROLES.map((role) => ({ label: role, role, actor: { user: `m-${role.toLowerCase()}`, roles: [role] } })),
  ...(['UNIT_HEAD', 'UNIT_REPORTER'] as const).flatMap((role) =>
    (['own', 'other'] as const).map((unit) => ({
      label: `${role}/${unit} unit`,
      role,
      unit,
      actor: { user: `m-${role.toLowerCase()}-${unit}`, roles: [role], unit: unit === 'own' ? UNIT : OTHER_UNIT },
    })),
  ),
];

/**
 * Who may call an endpoint. `unit`: the endpoint concerns one unit, and unit people may call it
 * only for their own (`act`: take a step for it; `read`: see its records, another unit's are not
 * found; `act on hidden`: a step on a record found by its own id, which for another unit is not
 * found either). District-wide roles are not confined to a unit.
 */
type Access = { public: true } | { roles: readonly Role[]; unit?: 'act' | 'read' | 'act on hidden' };

interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path, so the table can be checked against the document. */
  template: string;
  access: Access;
  body?: (caller: Caller) => Promise<unknown> | unknown;
}

/** Any signed-in user but a RATER (`@SignedIn()`). */
const any = ALL_ROLES.filter((role) => role !== 'RATER');
/** Every signed-in user, RATER included (`@RatersToo()`): the few routes a rater needs. */
const anyRater = ALL_ROLES;

function expectation(endpoint: Endpoint, caller: Caller): 'allow' | 'deny' | 'hide' | 'sign in' {
  if ('public' in endpoint.access) return 'allow';
  if (!caller.actor || !caller.role) return 'sign in';
  if (!endpoint.access.roles.includes(caller.role)) return 'deny';
  // Another unit's records are not found (404), exactly as records that do not exist.
  if (endpoint.access.unit !== 'act' && endpoint.access.unit && caller.unit === 'other') return 'hide';
  if (endpoint.access.unit && caller.unit === 'other') return 'deny';
  return 'allow';
}

describe('identity, access and hardening over real HTTP', () => {
  let stack: TestStack;
  let config: AppConfig;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let baseUrl: string;
  let call: ReturnType<typeof httpClient>;
  let db: PgClient;
  let cycleId: string;
  let itemId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    config = testConfig(stack, 'access-suite');
    worker = await startWorker(config);
    const started = await startApi(config);
    api = started.app;
    baseUrl = started.baseUrl;
    call = httpClient(baseUrl);
    db = new PgClient({ connectionString: stack.databaseUrl });
    await db.connect();
    const imported = await call('POST', '/cycles', { actor: admin, body: tinyScenario('Access district') });
    expect(imported.status).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
    const item = await call('POST', '/supervision-items', { actor: assessor, body: supervisionItem() });
    expect(item.status).toBe(201);
    itemId = (item.body.item as { id: string }).id;
  });

  afterAll(async () => {
    await db?.end();
    await api?.close();
    await worker?.close();
    await stack?.stop();
  });

  const supervisionItem = () => ({
    cycleId,
    unitId: UNIT,
    title: 'Matrix item',
    description: 'A stuck project',
    deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    call('POST', path, { body, headers });
  const login = (username: string, password = TEST_PASSWORD) => post('/auth/login', { username, password });
  const withToken = (token: string, method = 'GET', path = '/auth/me') => call(method, path, { token });

  describe('sign-in', () => {
    it('signs in with a password and says who is signed in', async () => {
      await ensureTestUser(stack.databaseUrl, { user: 'alice', roles: ['UNIT_HEAD'], unit: UNIT });
      const response = await login('alice');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        tokenType: 'Bearer',
        expiresIn: 900,
        user: { userId: 'alice', roles: ['UNIT_HEAD'], unitId: UNIT },
      });
      const me = await withToken(String(response.body.accessToken));
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ userId: 'alice', roles: ['UNIT_HEAD'], unitId: UNIT });
      const stored = await db.query('SELECT password_hash FROM users WHERE id = $1', ['alice']);
      expect(stored.rows[0].password_hash).toMatch(/^\$2[aby]\$\d\d\$/);
    });

    it('answers a wrong password and an unknown user alike, in the one error shape', async () => {
      const wrong = await login('alice', 'not-the-password');
      const unknown = await login('nobody-at-all');
      for (const response of [wrong, unknown]) {
        expect(response.status).toBe(401);
        expect(response.body).toEqual({
          statusCode: 401,
          code: 'INVALID_CREDENTIALS',
          message: 'Wrong user name or password',
        });
      }
    });

    it('rotates refresh tokens, and a reused one revokes the whole session', async () => {
      await ensureTestUser(stack.databaseUrl, { user: 'bob', roles: ['ASSESSOR'] });
      const first = { refreshToken: refreshCookieOf((await login('bob')).headers) };
      const second = await post('/auth/refresh', { refreshToken: first.refreshToken });
      expect(second.status).toBe(200);
      const secondToken = refreshCookieOf(second.headers);
      expect(secondToken).toBeDefined();
      expect(secondToken).not.toBe(first.refreshToken);
      expect((await withToken(String(second.body.accessToken))).status).toBe(200);

      const replayed = await post('/auth/refresh', { refreshToken: first.refreshToken });
      expect(replayed.status).toBe(401);
      expect(replayed.body).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: expect.stringContaining('already used'),
      });
      expect((await withToken(String(second.body.accessToken))).status).toBe(401);
      expect((await post('/auth/refresh', { refreshToken: secondToken })).status).toBe(401);
      const revoked = await db.query(`SELECT revoke_reason FROM auth_sessions WHERE user_id = 'bob'`);
      expect(revoked.rows).toEqual([{ revoke_reason: 'refresh_token_reused' }]);
    });

    it('signs out: the access token and the refresh token stop working at once', async () => {
      const session = await signIn(baseUrl, 'alice', TEST_PASSWORD);
      const out = await withToken(session.accessToken, 'POST', '/auth/logout');
      expect(out.status).toBe(204);
      expect((await withToken(session.accessToken)).body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
      expect((await post('/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
    });

    it('refuses a missing, malformed, forged or expired access token', async () => {
      const session = await signIn(baseUrl, 'alice', TEST_PASSWORD);
      const { sub, sid } = new JwtService().decode<{ sub: string; sid: string }>(session.accessToken);
      const claims = { issuer: 'jiebang', audience: 'jiebang-api', subject: sub };
      const forged = new JwtService({ secret: 'x'.repeat(40) }).sign({ sid }, claims);
      const expired = new JwtService({ secret: jwtSecretOf(config).secret }).sign(
        { sid, exp: Math.floor(Date.now() / 1000) - 60 },
        claims,
      );
      const withoutToken = await call('GET', '/auth/me');
      expect(withoutToken.body).toMatchObject({
        statusCode: 401,
        code: 'UNAUTHENTICATED',
        message: expect.stringContaining('Authorization: Bearer'),
      });
      for (const token of ['not-a-jwt', forged, expired]) expect((await withToken(token)).status).toBe(401);
      expect((await withToken(expired)).body.message).toContain('expired');
      expect((await withToken(session.accessToken)).status).toBe(200);
    });

    it('stops a disabled user at once, session or not', async () => {
      await ensureTestUser(stack.databaseUrl, { user: 'carol', roles: ['ORG_DEPT'] });
      const session = await signIn(baseUrl, 'carol', TEST_PASSWORD);
      await db.query(`UPDATE users SET disabled = true WHERE id = 'carol'`);
      expect((await withToken(session.accessToken)).status).toBe(401);
      expect((await login('carol')).status).toBe(401);
    });

    it('reads roles afresh on every request', async () => {
      await ensureTestUser(stack.databaseUrl, { user: 'dave', roles: ['LEADERSHIP'] });
      const session = await signIn(baseUrl, 'dave', TEST_PASSWORD);
      expect((await withToken(session.accessToken, 'GET', '/audit/verify')).status).toBe(403);
      await db.query(`UPDATE users SET roles = '{ADMIN}' WHERE id = 'dave'`);
      expect((await withToken(session.accessToken, 'GET', '/audit/verify')).status).toBe(200);
    });
  });

  describe('hardening', () => {
    it('refuses unknown and invalid fields with VALIDATION_FAILED and where they are', async () => {
      const extra = await login('alice');
      expect(extra.status).toBe(200);
      const unknownField = await post('/auth/login', { username: 'alice', password: TEST_PASSWORD, admin: true });
      expect(unknownField.status).toBe(400);
      expect(unknownField.body).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        details: [{ path: 'admin', message: 'property admin should not exist' }],
      });
      const wrongType = await post('/auth/login', { username: 42, password: TEST_PASSWORD });
      expect(wrongType.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: expect.arrayContaining([expect.objectContaining({ path: 'username' })]),
      });
      const unknownQuery = await call('GET', '/audit?colour=red', { actor: admin });
      expect(unknownQuery.body).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        details: [{ path: 'colour' }],
      });
      const badLimit = await call('GET', '/audit?limit=100000', { actor: admin });
      expect(badLimit.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'limit' }] });
      const zodBody = await call('PUT', `/cycles/${cycleId}/units/${UNIT}/reports/1`, {
        actor: { user: 'alice', roles: ['UNIT_HEAD'], unit: UNIT },
        body: { values: {}, extra: 1 },
      });
      expect(zodBody.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    });

    it('keeps bodies small except for a scenario import', async () => {
      const padding = 'x'.repeat(200 * 1024);
      const large = await post('/auth/login', { username: 'alice', password: padding });
      expect(large.status).toBe(413);
      expect(large.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
      const scenario = { ...tinyScenario('Padded district'), description: padding };
      const imported = await call('POST', '/cycles', { actor: admin, body: scenario });
      expect(imported.status).not.toBe(413);
    });

    it('sends security headers and a request id on every answer, errors included, and never a stack', async () => {
      const health = await fetch(`${baseUrl}/health`);
      expect(health.headers.get('x-content-type-options')).toBe('nosniff');
      expect(health.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(health.headers.get('strict-transport-security')).toContain('max-age=');
      expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(health.headers.get('x-powered-by')).toBeNull();
      expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

      const missing = await call('GET', '/no/such/route');
      expect(missing.status).toBe(404);
      expect(Object.keys(missing.body).sort()).toEqual(['code', 'message', 'statusCode']);
      expect(missing.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const malformed = await call('POST', '/auth/login', { rawBody: '{"username": ' });
      expect(malformed.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
      expect(JSON.stringify(malformed.body)).not.toMatch(/ at .*\.(js|ts):\d+/);
      expect((await call('GET', '/docs')).status).toBe(200);
    });

    it('limits sign-in attempts per user name with 429 in the one error shape; other names still sign in', async () => {
      await ensureTestUser(stack.databaseUrl, { user: 'erin', roles: ['DISCIPLINE'] });
      const attempts: CallResult[] = [];
      for (let attempt = 0; attempt < 11; attempt++) attempts.push(await login('erin', 'guess'));
      expect(attempts.slice(0, 10).every((response) => response.status === 401)).toBe(true);
      expect(attempts[10].status).toBe(429);
      expect(attempts[10].body).toMatchObject({
        statusCode: 429,
        code: 'TOO_MANY_REQUESTS',
        details: { retryAfterSeconds: expect.any(Number) },
      });
      expect(Number(attempts[10].headers.get('retry-after'))).toBeGreaterThan(0);
      expect(attempts[10].headers.get('retry-after-account')).toBeNull();
      expect((await login('erin')).status).toBe(429);
      expect((await login('alice')).status).toBe(200);
    });
  });

  describe('lists seen by unit people', () => {
    const reporter = { user: 'lists-reporter', roles: ['UNIT_REPORTER'], unit: UNIT };
    /** Every list that carries unit records: a unit person sees their own unit's rows only, and may not ask for another's. */
    const lists: Array<{ name: string; path: () => string; rows: (body: unknown) => Array<{ unitId: string }> }> = [
      { name: 'vetoes', path: () => `/cycles/${cycleId}/vetoes`, rows: (body) => body as Array<{ unitId: string }> },
      {
        name: 'supervision items',
        path: () => `/supervision-items?cycleId=${cycleId}`,
        rows: (body) => body as Array<{ unitId: string }>,
      },
      { name: 'cases', path: () => `/cases?cycleId=${cycleId}`, rows: (body) => body as Array<{ unitId: string }> },
    ];

    beforeAll(async () => {
      for (const unitId of [UNIT, OTHER_UNIT]) {
        const veto = await call('POST', `/cycles/${cycleId}/vetoes`, {
          actor: assessor,
          body: { unitId, month: 11, reason: `Accident at ${unitId}`, evidence: `Report of ${unitId}` },
        });
        expect(veto.status).toBe(201);
        const item = await call('POST', '/supervision-items', {
          actor: assessor,
          body: { ...supervisionItem(), unitId, title: `List item of ${unitId}` },
        });
        expect(item.status).toBe(201);
      }
    });

    it.each(lists.map((list) => [list.name, list] as const))(
      'shows a unit person only their own unit in %s',
      async (_name, list) => {
        const mine = await call('GET', list.path(), { actor: reporter });
        expect(mine.status).toBe(200);
        expect(list.rows(mine.body).every((row) => row.unitId === UNIT)).toBe(true);
        const everyone = await call('GET', list.path(), { actor: assessor });
        const units = new Set(list.rows(everyone.body).map((row) => row.unitId));
        if (list.name !== 'cases') {
          expect(units).toEqual(new Set([UNIT, OTHER_UNIT]));
          expect(list.rows(mine.body).length).toBeGreaterThan(0);
        }
        expect(JSON.stringify(mine.body)).not.toContain(OTHER_UNIT);
      },
    );
  });

  describe('who may call what', () => {
    const endpoints: Endpoint[] = [
      { method: 'GET', template: '/health', access: { public: true } },
      { method: 'GET', template: '/health/live', access: { public: true } },
      { method: 'GET', template: '/health/ready', access: { public: true } },
      { method: 'GET', template: '/metrics', access: { public: true } },
      {
        method: 'POST',
        template: '/auth/login',
        access: { public: true },
        body: async (caller) => ({ username: await fresh(`login-${caller.label}`), password: TEST_PASSWORD }),
      },
      {
        method: 'POST',
        template: '/auth/refresh',
        access: { public: true },
        body: async (caller) => ({
          refreshToken: (await signIn(baseUrl, await fresh(`refresh-${caller.label}`), TEST_PASSWORD)).refreshToken,
        }),
      },
      { method: 'GET', template: '/auth/me', access: { roles: anyRater } },
      {
        method: 'POST',
        template: '/cycles',
        access: { roles: ['ADMIN', 'ASSESSOR'] },
        body: () => tinyScenario('Access district'),
      },
      { method: 'GET', template: '/cycles', access: { roles: any } },
      { method: 'GET', template: '/cycles/{cycleId}', access: { roles: any } },
      { method: 'GET', template: '/cycles/{cycleId}/projects', access: { roles: any } },
      { method: 'GET', template: '/cycles/{cycleId}/projects/map', access: { roles: any } },
      {
        method: 'GET',
        template: '/cycles/{cycleId}/projects/portfolios',
        access: { roles: ['LEADERSHIP', 'ASSESSOR', 'ORG_DEPT'] },
      },
      // The cycle has no projects: the owner unit's check comes after the project is found (404).
      {
        method: 'POST',
        template: '/cycles/{cycleId}/projects/{projectId}/progress',
        access: { roles: ['UNIT_HEAD', 'UNIT_REPORTER'] },
        body: () => ({ month: 1, investment: 100 }),
      },
      { method: 'GET', template: '/cycles/{cycleId}/projects/weekly', access: { roles: any } },
      { method: 'GET', template: '/cycles/{cycleId}/ledgers/projects', access: { roles: any } },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/projects/{projectId}/weekly-notes',
        access: { roles: ['UNIT_HEAD', 'UNIT_REPORTER'] },
        body: () => ({ week: 1, investment: 100 }),
      },
      // The cycle dispatches nothing weekly: week 1 is no week of it (400) for whoever may ask.
      { method: 'GET', template: '/cycles/{cycleId}/projects/weekly/{week}/notes', access: { roles: any } },
      {
        method: 'GET',
        template: '/cycles/{cycleId}/projects/weekly/{week}/digest',
        access: { roles: ['ASSESSOR', 'ORG_DEPT', 'LEADERSHIP'] },
      },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/projects/weekly/{week}/notes/{projectId}/supervision',
        access: { roles: ['ASSESSOR'] },
        body: () => ({}),
      },
      { method: 'GET', template: '/cycles/{cycleId}/units/{unitId}', access: { roles: any, unit: 'read' } },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/units/{unitId}/pledge',
        access: { roles: ['UNIT_HEAD'], unit: 'act' },
      },
      {
        method: 'GET',
        template: '/cycles/{cycleId}/units/{unitId}/reports/{month}',
        access: { roles: any, unit: 'read' },
      },
      {
        method: 'PUT',
        template: '/cycles/{cycleId}/units/{unitId}/reports/{month}',
        access: { roles: ['UNIT_HEAD', 'UNIT_REPORTER'], unit: 'act' },
        body: () => ({ values: { [`${UNIT}-invest`]: 1000 }, submit: false }),
      },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/units/{unitId}/reports/{month}/confirmation',
        access: { roles: ['UNIT_HEAD'], unit: 'act' },
        body: () => ({ decision: 'confirm' }),
      },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/units/{unitId}/reports/{month}/evidence',
        access: { roles: ['UNIT_HEAD', 'UNIT_REPORTER'], unit: 'act' },
        body: () => ({ not: 'a file' }),
      },
      {
        method: 'GET',
        template: '/cycles/{cycleId}/units/{unitId}/reports/{month}/evidence',
        access: { roles: any, unit: 'read' },
      },
      {
        method: 'GET',
        template: '/cycles/{cycleId}/units/{unitId}/reports/{month}/evidence/{fileId}',
        access: { roles: any, unit: 'read' },
      },
      {
        method: 'DELETE',
        template: '/cycles/{cycleId}/units/{unitId}/reports/{month}/evidence/{fileId}',
        access: { roles: ['UNIT_HEAD', 'UNIT_REPORTER'], unit: 'act' },
      },
      { method: 'GET', template: '/cycles/{cycleId}/annual-results', access: { roles: any } },
      // Rating rounds (ratings.test.ts proves who may rate what and that no unit sees another's score).
      { method: 'GET', template: '/cycles/{cycleId}/rating-rounds/{month}', access: { roles: anyRater } },
      {
        method: 'PUT',
        template: '/cycles/{cycleId}/rating-rounds/{month}/ratings',
        access: { roles: anyRater },
        body: () => ({ indicatorId: `${UNIT}-sat`, score: 80 }),
      },
      { method: 'POST', template: '/cycles/{cycleId}/rating-rounds/{month}/submission', access: { roles: anyRater } },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/rating-rounds/{month}/close',
        access: { roles: ['ASSESSOR', 'ADMIN'] },
      },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/rating-rounds/{month}/reminders',
        access: { roles: ['ASSESSOR', 'ADMIN'] },
        body: (caller) => ({ pressId: `press-${caller.label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` }),
      },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/rating-rounds/{month}/links',
        access: { roles: ['ASSESSOR', 'ADMIN'] },
        body: () => ({}),
      },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/rating-rounds/{month}/links/sheet',
        access: { roles: ['ASSESSOR', 'ADMIN'] },
        body: () => ({}),
      },
      {
        method: 'GET',
        template: '/cycles/{cycleId}/rating-rounds/{month}/links',
        access: { roles: ['ASSESSOR', 'ADMIN'] },
      },
      {
        method: 'DELETE',
        template: '/cycles/{cycleId}/rating-rounds/{month}/links/{linkId}',
        access: { roles: ['ASSESSOR', 'ADMIN'] },
      },
      {
        method: 'GET',
        template: '/cycles/{cycleId}/rating-rounds/{month}/workbook',
        access: { roles: ['ASSESSOR', 'ADMIN'] },
      },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/rating-rounds/{month}/workbook',
        access: { roles: ['ASSESSOR', 'ADMIN'] },
      },
      // A personal link works signed out; an unknown one is 404 for everyone.
      { method: 'GET', template: '/cycles/{cycleId}/rating-rounds/{month}/link/{token}', access: { public: true } },
      {
        method: 'PUT',
        template: '/cycles/{cycleId}/rating-rounds/{month}/link/{token}/ratings',
        access: { public: true },
        body: () => ({ indicatorId: `${UNIT}-sat`, score: 80 }),
      },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/rating-rounds/{month}/link/{token}/submission',
        access: { public: true },
      },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/units/{unitId}/reports/{month}/review',
        access: { roles: ['ASSESSOR'] },
        body: () => ({ decision: 'approve' }),
      },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/units/{unitId}/reports/{month}/ratings',
        access: { roles: ['ASSESSOR'] },
        body: () => ({ indicatorId: `${UNIT}-invest`, value: 1 }),
      },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/units/{unitId}/reports/{month}/extension',
        access: { roles: ['UNIT_HEAD', 'UNIT_REPORTER'], unit: 'act' },
        body: () => ({ until: '2031-01-01T00:00:00Z', reason: 'flood' }),
      },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/units/{unitId}/reports/{month}/extension/decision',
        access: { roles: ['ASSESSOR'] },
        body: () => ({ approve: false }),
      },
      { method: 'GET', template: '/cycles/{cycleId}/months', access: { roles: any } },
      { method: 'POST', template: '/cycles/{cycleId}/months/{month}/close', access: { roles: ['ASSESSOR'] } },
      { method: 'GET', template: '/cycles/{cycleId}/months/{month}/ranking', access: { roles: any } },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/months/{month}/appeals',
        access: { roles: ['UNIT_HEAD', 'UNIT_REPORTER'], unit: 'act' },
        body: () => ({ unitId: UNIT, reason: 'miscounted' }),
      },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/months/{month}/appeals/{unitId}/decision',
        access: { roles: ['ASSESSOR'] },
        body: () => ({ decision: 'uphold', comment: 'stands' }),
      },
      { method: 'POST', template: '/cycles/{cycleId}/months/{month}/bulletin', access: { roles: ['LEADERSHIP'] } },
      { method: 'GET', template: '/cycles/{cycleId}/months/{month}/board', access: { roles: any } },
      { method: 'GET', template: '/cycles/{cycleId}/year', access: { roles: ['ASSESSOR', 'LEADERSHIP'] } },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/months/{month}/public-link',
        access: { roles: ['ASSESSOR', 'LEADERSHIP'] },
      },
      {
        method: 'GET',
        template: '/cycles/{cycleId}/months/{month}/public-link',
        access: { roles: ['ASSESSOR', 'LEADERSHIP'] },
      },
      {
        method: 'DELETE',
        template: '/cycles/{cycleId}/months/{month}/public-link',
        access: { roles: ['ASSESSOR', 'LEADERSHIP'] },
      },
      { method: 'GET', template: '/public/boards/{token}', access: { public: true } },
      {
        method: 'GET',
        template: '/settings/public-board-links',
        access: { roles: ['ASSESSOR', 'LEADERSHIP', 'ADMIN'] },
      },
      {
        method: 'PUT',
        template: '/settings/public-board-links',
        access: { roles: ['LEADERSHIP', 'ADMIN'] },
        body: () => ({ enabled: true }),
      },
      { method: 'GET', template: '/cycles/{cycleId}/months/{month}/bulletin/draft', access: { roles: ['LEADERSHIP'] } },
      {
        method: 'PUT',
        template: '/cycles/{cycleId}/months/{month}/bulletin/draft',
        access: { roles: ['LEADERSHIP'] },
        body: () => ({ opening: '现将考核情况通报如下。' }),
      },
      {
        method: 'GET',
        template: '/cycles/{cycleId}/months/{month}/bulletin/preview',
        access: { roles: ['LEADERSHIP'] },
      },
      { method: 'GET', template: '/cycles/{cycleId}/months/{month}/bulletins', access: { roles: any } },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/months/{month}/bulletins',
        access: { roles: ['LEADERSHIP'] },
        body: () => ({}),
      },
      { method: 'GET', template: '/cycles/{cycleId}/months/{month}/bulletins/{version}', access: { roles: any } },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/vetoes',
        access: { roles: ['ASSESSOR'] },
        body: () => ({ unitId: OTHER_UNIT, month: 12, reason: 'production accident' }),
      },
      { method: 'GET', template: '/cycles/{cycleId}/vetoes', access: { roles: any } },
      // No case exists in this cycle: the table proves the roles; cases.test.ts proves unit people see only their own unit's cases.
      { method: 'GET', template: '/cases', access: { roles: any } },
      { method: 'GET', template: '/cases/{caseId}', access: { roles: any } },
      {
        method: 'POST',
        template: '/cases/{caseId}/decisions',
        access: { roles: ['ORG_DEPT', 'DISCIPLINE', 'LEADERSHIP', 'ASSESSOR'] },
        body: () => ({ approve: true }),
      },
      {
        method: 'POST',
        template: '/cases/{caseId}/steps',
        access: { roles: ['ASSESSOR', 'ORG_DEPT', 'DISCIPLINE', 'UNIT_HEAD', 'UNIT_REPORTER'] },
        body: () => ({ step: 'scheduled' }),
      },
      {
        method: 'POST',
        template: '/supervision-items',
        access: { roles: ['ASSESSOR'] },
        body: () => supervisionItem(),
      },
      { method: 'GET', template: '/supervision-items', access: { roles: any } },
      { method: 'GET', template: '/supervision-items/{id}', access: { roles: any, unit: 'read' } },
      {
        method: 'POST',
        template: '/supervision-items/{id}/response',
        access: { roles: ['UNIT_HEAD', 'UNIT_REPORTER'], unit: 'act on hidden' },
        body: () => ({ text: 'Unblocked' }),
      },
      {
        method: 'POST',
        template: '/supervision-items/{id}/verification',
        access: { roles: ['ASSESSOR'] },
        body: () => ({ accept: false, comment: 'Show the permit' }),
      },
      { method: 'GET', template: '/audit', access: { roles: ['ADMIN'] } },
      { method: 'GET', template: '/audit/verify', access: { roles: ['ADMIN'] } },
      { method: 'GET', template: '/audit/export', access: { roles: ['ADMIN'] } },
      // Workbooks (workbooks.test.ts proves what they hold): an empty upload is refused as no workbook.
      { method: 'GET', template: '/workbooks/target-template', access: { roles: ['ADMIN', 'ASSESSOR'] } },
      { method: 'POST', template: '/workbooks/target/preview', access: { roles: ['ADMIN', 'ASSESSOR'] } },
      { method: 'POST', template: '/workbooks/target', access: { roles: ['ADMIN', 'ASSESSOR'] } },
      { method: 'GET', template: '/cycles/{cycleId}/workbook', access: { roles: ['ADMIN', 'ASSESSOR', 'LEADERSHIP'] } },
      { method: 'GET', template: '/cycles/{cycleId}/ledgers/ranking/{month}', access: { roles: any } },
      {
        method: 'GET',
        template: '/cycles/{cycleId}/units/{unitId}/reports/{month}/workbook',
        access: { roles: any, unit: 'read' },
      },
      {
        method: 'POST',
        template: '/cycles/{cycleId}/units/{unitId}/reports/{month}/workbook',
        access: { roles: ['UNIT_HEAD', 'UNIT_REPORTER'], unit: 'act' },
      },
      { method: 'GET', template: '/cycles/{cycleId}/ratings/{month}/workbook', access: { roles: ['ASSESSOR'] } },
      { method: 'POST', template: '/cycles/{cycleId}/ratings/{month}/workbook', access: { roles: ['ASSESSOR'] } },
      { method: 'GET', template: '/cycles/{cycleId}/ledgers/cases', access: { roles: any } },
      { method: 'GET', template: '/cycles/{cycleId}/ledgers/supervision', access: { roles: any } },
      { method: 'GET', template: '/cycles/{cycleId}/ledgers/annual', access: { roles: any } },
      { method: 'GET', template: '/admin/workflows', access: { roles: ['ADMIN'] } },
      { method: 'GET', template: '/admin/workflows/{workflowId}', access: { roles: ['ADMIN'] } },
      { method: 'GET', template: '/admin/workflows/{workflowId}/history', access: { roles: ['ADMIN'] } },
      { method: 'GET', template: '/admin/tasks', access: { roles: ['ADMIN'] } },
      // Everyone has a message centre and tasks; acknowledging checks the addressee on the escalation itself (messages.test.ts).
      { method: 'GET', template: '/messages', access: { roles: any } },
      { method: 'GET', template: '/messages/unread-count', access: { roles: any } },
      { method: 'POST', template: '/messages/{id}/read', access: { roles: any } },
      { method: 'POST', template: '/messages/read', access: { roles: any } },
      { method: 'GET', template: '/messages/preferences', access: { roles: any } },
      {
        method: 'PUT',
        template: '/messages/preferences',
        access: { roles: any },
        body: () => ({ language: 'zh-CN', digest: false }),
      },
      { method: 'GET', template: '/escalations', access: { roles: any } },
      {
        method: 'POST',
        template: '/escalations/{id}/acknowledgement',
        access: { roles: any },
        body: () => ({ note: 'done' }),
      },
      { method: 'GET', template: '/admin/channels', access: { roles: ['ADMIN'] } },
      {
        method: 'POST',
        template: '/admin/channels',
        access: { roles: ['ADMIN'] },
        body: (caller) => ({
          name: `hook-${caller.label}`,
          kind: 'webhook',
          url: 'https://gov.example.cn/hook',
          secret: 'access-test-secret-0123',
          enabled: false,
        }),
      },
      { method: 'GET', template: '/admin/channels/{id}', access: { roles: ['ADMIN'] } },
      {
        method: 'PUT',
        template: '/admin/channels/{id}',
        access: { roles: ['ADMIN'] },
        body: () => ({ name: 'x', kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' }),
      },
      { method: 'GET', template: '/admin/deliveries', access: { roles: ['ADMIN'] } },
      { method: 'POST', template: '/admin/deliveries/{id}/resend', access: { roles: ['ADMIN'] } },
      { method: 'GET', template: '/admin/notifications/unreached', access: { roles: ['ADMIN'] } },
      { method: 'GET', template: '/admin/activities', access: { roles: ['ADMIN'] } },
      { method: 'GET', template: '/auth/methods', access: { public: true } },
      {
        method: 'POST',
        template: '/auth/password',
        access: { public: true },
        body: async (caller) => ({
          username: await fresh(`password-${caller.label}`),
          currentPassword: TEST_PASSWORD,
          newPassword: 'Harbour-lights-2031',
        }),
      },
      // Not configured in this suite: 404 for everyone, never 401 or 403 (accounts.test.ts runs the flow).
      { method: 'GET', template: '/auth/oidc/login', access: { public: true } },
      { method: 'GET', template: '/auth/oidc/callback', access: { public: true } },
      { method: 'GET', template: '/me', access: { roles: anyRater } },
      { method: 'PATCH', template: '/me', access: { roles: anyRater }, body: () => ({ language: 'en' }) },
      {
        method: 'POST',
        template: '/me/password',
        access: { roles: anyRater },
        body: () => ({ currentPassword: 'not-the-password', newPassword: 'Harbour-lights-2031' }),
      },
      { method: 'GET', template: '/accounts', access: { roles: ['ADMIN'] } },
      {
        method: 'POST',
        template: '/accounts',
        access: { roles: ['ADMIN'] },
        body: (caller) => ({
          id: `acc-${caller.label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
          displayName: 'Matrix account',
          roles: ['ASSESSOR'],
        }),
      },
      { method: 'POST', template: '/accounts/import', access: { roles: ['ADMIN'] } },
      { method: 'GET', template: '/accounts/{id}', access: { roles: ['ADMIN'] } },
      { method: 'PATCH', template: '/accounts/{id}', access: { roles: ['ADMIN'] }, body: () => ({ language: 'en' }) },
      { method: 'POST', template: '/accounts/{id}/disable', access: { roles: ['ADMIN'] }, body: () => ({}) },
      { method: 'POST', template: '/accounts/{id}/enable', access: { roles: ['ADMIN'] } },
      { method: 'POST', template: '/accounts/{id}/password-reset', access: { roles: ['ADMIN'] } },
      { method: 'GET', template: '/tasks', access: { roles: anyRater } },
      // Last: it ends each caller's session.
      { method: 'POST', template: '/auth/logout', access: { roles: anyRater } },
    ];

    const fresh = async (label: string) => {
      const user = `m-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
      await ensureTestUser(stack.databaseUrl, { user, roles: ['ASSESSOR'] });
      return user;
    };

    const pathOf = (template: string) =>
      template
        .replace('{cycleId}', cycleId)
        .replace('{unitId}', UNIT)
        .replace('{month}', '1')
        .replace('{fileId}', 'no-such-file')
        .replace('{projectId}', 'no-such-project')
        .replace('{version}', '1')
        .replace('{week}', '1')
        .replace('{token}', 'no-such-link')
        .replace('{linkId}', '00000000-0000-4000-8000-000000000000')
        .replace('{caseId}', encodeURIComponent(`${cycleId}/${UNIT}/interview/m1`))
        .replace('{id}', encodeURIComponent(itemId))
        .replace('{workflowId}', encodeURIComponent(`cycle-${cycleId}/unit-${UNIT}`));

    it('covers every operation of the OpenAPI document, and the document states the same roles', async () => {
      const document = (await call('GET', '/docs-json')).body as {
        paths: Record<string, Record<string, Record<string, unknown>>>;
      };
      const documented = Object.entries(document.paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
      );
      expect(documented.sort()).toEqual(endpoints.map((endpoint) => `${endpoint.method} ${endpoint.template}`).sort());
      for (const endpoint of endpoints) {
        const operation = document.paths[endpoint.template][endpoint.method.toLowerCase()];
        if ('public' in endpoint.access) expect(operation['x-public'], endpoint.template).toBe(true);
        else
          expect([...(operation['x-roles'] as string[])].sort(), `${endpoint.method} ${endpoint.template}`).toEqual(
            [...endpoint.access.roles].sort(),
          );
        expect(operation.description).toContain('**Access:**');
      }
    });

    it('allows and denies every endpoint for every role, for the own unit and for another', async () => {
      const outcomes: string[] = [];
      const mismatches: string[] = [];
      for (const endpoint of endpoints) {
        for (const caller of CALLERS) {
          const expected = expectation(endpoint, caller);
          const body = endpoint.body ? await endpoint.body(caller) : undefined;
          const response = await call(endpoint.method, pathOf(endpoint.template), { actor: caller.actor, body });
          const actual =
            response.status === 401 && response.body.code === 'UNAUTHENTICATED'
              ? 'sign in'
              : response.status === 403
                ? 'deny'
                : response.status === 404 && expected === 'hide'
                  ? 'hide'
                  : 'allow';
          const line = `${endpoint.method} ${endpoint.template} as ${caller.label}: expected ${expected}, got ${response.status} ${String(response.body.code ?? '')}`;
          outcomes.push(line);
          if (actual !== expected) mismatches.push(line);
        }
      }
      expect(mismatches).toEqual([]);
      expect(outcomes.length).toBe(endpoints.length * CALLERS.length);
    });
  });
});
