import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Client as PgClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiApplication } from '../../apps/api/src/api-application';
import { loadConfig, type AppConfig } from '@jiebang/config';
import { AccountRepository, openDatabase } from '@jiebang/persistence';
import { freePort } from '@jiebang/devstack/free-port';
import { signIn, startWorker, type CallResult } from '../support/jiebang';
import { signInAtProvider, startIdentityProvider, type TestIdentityProvider } from '../support/identity-provider';
import { tinyScenario } from '../support/scenarios';
import { startTestStack, type TestStack } from '../support/stack';

const BIN = resolve(__dirname, '../../bin/jiebang.js');
const ADMIN_PASSWORD = 'Lantern-harbour-47';
const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * `npx jiebang ...` as an installer runs it: the built command, DATABASE_URL in the environment,
 * stdin. Asynchronous: the API in this process must go on answering (and writing) meanwhile.
 */
function jiebang(
  args: string[],
  stdin: string,
  databaseUrl: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolveRun({ status, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

describe('accounts for a whole district, on a production-mode install', () => {
  let stack: TestStack;
  let idp: TestIdentityProvider;
  let config: AppConfig;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let baseUrl: string;
  let db: PgClient;
  let cycleId: string;
  let adminToken: string;

  beforeAll(async () => {
    stack = await startTestStack();
    const [apiPort, idpPort] = [await freePort(), await freePort()];
    baseUrl = `http://127.0.0.1:${apiPort}`;
    idp = await startIdentityProvider(idpPort, `${baseUrl}/auth/oidc/callback`);
    config = loadConfig({
      DATABASE_URL: stack.databaseUrl,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_TASK_QUEUE: 'accounts-suite',
      NODE_ENV: 'production',
      JWT_SECRET: 'accounts-suite-secret-0123456789-abcdefghij',
      CHANNEL_SECRET_KEY: 'accounts-suite-channel-key-0123456789-abcdef',
      DEMO_IMPORT: 'true', // the demo district is imported; its demo users are not, in production
      LOG_LEVEL: 'error',
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_REDIRECT_URI: `${baseUrl}/auth/oidc/callback`,
    });
    worker = await startWorker(config);
    api = await createApiApplication(config);
    await api.listen(apiPort, '127.0.0.1');
    db = new PgClient({ connectionString: stack.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await api?.close();
    await worker?.close();
    await idp?.stop();
    await stack?.stop();
  });

  async function call(method: string, path: string, token?: string, body?: unknown): Promise<CallResult> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
  }

  async function upload(path: string, type: string, content: Buffer | string): Promise<CallResult> {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': type, authorization: `Bearer ${adminToken}` },
      body: content,
    });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
      headers: response.headers,
    };
  }

  const accountRows = async () => (await db.query('SELECT id FROM users ORDER BY id')).rows.map((row) => row.id);
  const auditActions = async (subject: string) =>
    (await db.query('SELECT action, actor_id FROM audit_log WHERE subject = $1 ORDER BY seq', [subject])).rows;

  /** A temporary password must be replaced before the first sign-in; returns the new session's access token. */
  async function firstSignIn(id: string, temporaryPassword: string, newPassword: string): Promise<string> {
    const refused = await call('POST', '/auth/login', undefined, { username: id, password: temporaryPassword });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await call('POST', '/auth/password', undefined, {
      username: id,
      currentPassword: temporaryPassword,
      newPassword,
    });
    expect(changed.status).toBe(200);
    return (await signIn(baseUrl, id, newPassword)).accessToken;
  }

  it('starts in production with no account at all, no demo user among them', async () => {
    expect((await db.query('SELECT count(*)::int AS n FROM cycles')).rows).toEqual([{ n: 1 }]);
    expect(await accountRows()).toEqual([]);
    const demo = await call('POST', '/auth/login', undefined, { username: 'demo-admin', password: 'jiebang-demo' });
    expect(demo.status).toBe(401);
    expect((await call('GET', '/auth/methods')).body).toEqual({ password: true, oidc: true });
  });

  it('creates the first administrator from the command line, refusing weak passwords', async () => {
    const args = ['users', 'create', 'root-admin', '--name', '系统管理员', '--password-stdin'];
    for (const weak of ['short-pw', 'qwerty123456', 'root-admin-2026']) {
      const refused = await jiebang(args, `${weak}\n`, stack.databaseUrl);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/^password: the password .*; nothing was created/);
    }
    expect(await accountRows()).toEqual([]);

    const created = await jiebang(args, `${ADMIN_PASSWORD}\n`, stack.databaseUrl);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('created account root-admin (系统管理员) with roles ADMIN');
    expect(await jiebang(args, `${ADMIN_PASSWORD}\n`, stack.databaseUrl)).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('exists already'),
    });
    expect(await auditActions('users/root-admin')).toEqual([{ action: 'account.created', actor_id: 'system:cli' }]);

    adminToken = (await signIn(baseUrl, 'root-admin', ADMIN_PASSWORD)).accessToken;
    const imported = await call('POST', '/cycles', adminToken, tinyScenario('Accounts district'));
    expect(imported.status).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
  });

  it('lets the administrator create an assessor and a unit reporter who sign in and act within their rights', async () => {
    const assessor = await call('POST', '/accounts', adminToken, {
      id: 'li.assessor',
      displayName: '李考评',
      roles: ['ASSESSOR'],
      contact: { email: 'li@example.gov.cn', mobile: '+86 13800138000', dingtalkUserId: 'ding-li' },
    });
    expect(assessor.status).toBe(201);
    expect(assessor.body.account).toMatchObject({
      id: 'li.assessor',
      roles: ['ASSESSOR'],
      contact: { email: 'li@example.gov.cn', mobile: '13800138000', dingtalkUserId: 'ding-li', wecomUserId: null },
      passwordChangeRequired: true,
      disabled: false,
    });
    const reporter = await call('POST', '/accounts', adminToken, {
      id: 'wang.reporter',
      displayName: '王联络',
      roles: ['UNIT_REPORTER'],
      unitId: 'u-a',
    });
    expect(reporter.status).toBe(201);

    const assessorToken = await firstSignIn(
      'li.assessor',
      String(assessor.body.temporaryPassword),
      'Quiet-river-stone-82',
    );
    const reporterToken = await firstSignIn(
      'wang.reporter',
      String(reporter.body.temporaryPassword),
      'Maple-lantern-road-19',
    );

    const item = await call('POST', '/supervision-items', assessorToken, {
      cycleId,
      unitId: 'u-a',
      title: '项目推进滞后',
      description: 'A stuck project',
      deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    expect(item.status).toBe(201);
    expect((await call('GET', `/cycles/${cycleId}/units/u-a`, reporterToken)).status).toBe(200);
    expect((await call('GET', `/cycles/${cycleId}/units/u-b`, reporterToken)).status).toBe(404); // hidden, as unknown
    expect((await call('POST', '/supervision-items', reporterToken, {})).status).toBe(403);
    expect((await call('GET', '/accounts', assessorToken)).status).toBe(403);

    const me = await call('GET', '/me', reporterToken);
    expect(me.body).toMatchObject({ id: 'wang.reporter', roles: ['UNIT_REPORTER'], unitId: 'u-a', language: 'zh-CN' });
    const updated = await call('PATCH', '/me', reporterToken, {
      language: 'en',
      contact: { wecomUserId: 'wx-wang', mobile: '13911112222' },
    });
    expect(updated.body).toMatchObject({ language: 'en', contact: { wecomUserId: 'wx-wang', mobile: '13911112222' } });
    const wrongOld = await call('POST', '/me/password', reporterToken, {
      currentPassword: 'not-my-password',
      newPassword: 'Another-fine-day-31',
    });
    expect(wrongOld.body).toMatchObject({ code: 'WRONG_CURRENT_PASSWORD', details: [{ path: 'currentPassword' }] });
    const weak = await call('POST', '/me/password', reporterToken, {
      currentPassword: 'Maple-lantern-road-19',
      newPassword: '1q2w3e4r5t6y',
    });
    expect(weak.body).toMatchObject({ code: 'WEAK_PASSWORD', details: [{ path: 'newPassword' }] });
    const changed = await call('POST', '/me/password', reporterToken, {
      currentPassword: 'Maple-lantern-road-19',
      newPassword: 'Another-fine-day-31',
    });
    expect(changed.status).toBe(204);
    await signIn(baseUrl, 'wang.reporter', 'Another-fine-day-31');

    expect((await auditActions('users/li.assessor')).map((row) => row.action)).toEqual([
      'account.created',
      'account.password_changed',
      'auth.signed_in',
      'auth.signed_in',
    ]);
  });

  it('refuses bad input with a 4xx naming the field, and writes nothing', async () => {
    // Refusals are audited (as refusals); what must not move is the accounts and their change records.
    const snapshot = async () => [
      (await db.query('SELECT * FROM users ORDER BY id')).rows,
      (await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'account.%'`)).rows,
    ];
    const before = await snapshot();
    const cases: Array<[unknown, number, string, string]> = [
      [{ id: 'li.assessor', displayName: 'x', roles: ['ASSESSOR'] }, 409, 'ACCOUNT_EXISTS', 'id'],
      [{ id: 'new-1', displayName: 'x', roles: ['UNIT_HEAD'] }, 400, 'VALIDATION_FAILED', 'unitId'],
      [{ id: 'new-1', displayName: 'x', roles: ['UNIT_HEAD'], unitId: 'u-zz' }, 400, 'UNKNOWN_UNIT', 'unitId'],
      [{ id: 'new-1', displayName: 'x', roles: ['MAYOR'] }, 400, 'VALIDATION_FAILED', 'roles.0'],
      [{ id: 'new-1', displayName: 'x', roles: ['ASSESSOR', 'ASSESSOR'] }, 400, 'VALIDATION_FAILED', 'roles'],
      [{ id: 'new 1', displayName: 'x', roles: ['ASSESSOR'] }, 400, 'VALIDATION_FAILED', 'id'],
      [
        { id: 'new-1', displayName: 'x', roles: ['ASSESSOR'], contact: { email: 'not-mail' } },
        400,
        'VALIDATION_FAILED',
        'contact.email',
      ],
      [
        { id: 'new-1', displayName: 'x', roles: ['ASSESSOR'], contact: { mobile: '12345' } },
        400,
        'VALIDATION_FAILED',
        'contact.mobile',
      ],
    ];
    for (const [body, status, code, path] of cases) {
      const answer = await call('POST', '/accounts', adminToken, body);
      expect({ status: answer.status, code: answer.body.code }).toEqual({ status, code });
      expect(answer.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    }
    const ownRoles = await call('PATCH', '/accounts/root-admin', adminToken, { roles: ['ASSESSOR'] });
    expect(ownRoles.body).toMatchObject({
      statusCode: 403,
      code: 'OWN_ROLES_UNCHANGEABLE',
      details: [{ path: 'roles' }],
    });
    const ownDisable = await call('POST', '/accounts/root-admin/disable', adminToken, {});
    expect(ownDisable.body).toMatchObject({ statusCode: 403, code: 'OWN_ACCOUNT_NOT_DISABLEABLE' });
    const unitless = await call('PATCH', '/accounts/wang.reporter', adminToken, { unitId: null });
    expect(unitless.body).toMatchObject({ statusCode: 400, details: [{ path: 'unitId' }] });
    const weakChange = await call('POST', '/auth/password', undefined, {
      username: 'li.assessor',
      currentPassword: 'Quiet-river-stone-82',
      newPassword: 'li.assessor-2026',
    });
    // li.assessor's password is no longer temporary: /auth/password is not for them (POST /me/password is).
    expect(weakChange.body).toMatchObject({ statusCode: 409, code: 'NO_TEMPORARY_PASSWORD' });
    expect(await snapshot()).toEqual(before);
  });

  it("ends a disabled account's live token at once; the last enabled administrator stays", async () => {
    const session = await signIn(baseUrl, 'li.assessor', 'Quiet-river-stone-82');
    expect((await call('GET', '/me', session.accessToken)).status).toBe(200);
    const disabled = await call('POST', '/accounts/li.assessor/disable', adminToken, {
      reason: 'moved to another post',
    });
    expect(disabled.body).toMatchObject({ id: 'li.assessor', disabled: true });
    expect((await call('GET', '/me', session.accessToken)).body).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await call('POST', '/auth/refresh', undefined, { refreshToken: session.refreshToken })).status).toBe(401);
    expect(
      (await call('POST', '/auth/login', undefined, { username: 'li.assessor', password: 'Quiet-river-stone-82' }))
        .status,
    ).toBe(401);

    const listed = await call('GET', '/accounts?disabled=true', adminToken);
    expect((listed.body.accounts as Array<{ id: string }>).map((a) => a.id)).toEqual(['li.assessor']);
    const enabled = await call('POST', '/accounts/li.assessor/enable', adminToken);
    expect(enabled.body).toMatchObject({ disabled: false });
    expect((await call('GET', '/me', session.accessToken)).status).toBe(401);
    await signIn(baseUrl, 'li.assessor', 'Quiet-river-stone-82');

    const second = await call('POST', '/accounts', adminToken, {
      id: 'zhao.admin',
      displayName: '赵',
      roles: ['ADMIN'],
    });
    const secondToken = await firstSignIn('zhao.admin', String(second.body.temporaryPassword), 'Silver-birch-cove-64');
    // Two administrators disable each other at once: one of them must stay.
    const answers = await Promise.all([
      call('POST', '/accounts/zhao.admin/disable', adminToken, {}),
      call('POST', '/accounts/root-admin/disable', secondToken, {}),
    ]);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.map((answer) => answer.body.code ?? 'OK').sort()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(LAST_ADMINISTRATOR|UNAUTHENTICATED)$/)]),
    );
    const enabledAdmins = await db.query(`SELECT id FROM users WHERE 'ADMIN' = ANY(roles) AND NOT disabled`);
    expect(enabledAdmins.rows).toHaveLength(1);

    await db.query(`UPDATE users SET disabled = false WHERE id = 'root-admin'`);
    adminToken = (await signIn(baseUrl, 'root-admin', ADMIN_PASSWORD)).accessToken;
    await call('POST', '/accounts/zhao.admin/enable', adminToken);
    expect((await call('POST', '/accounts/zhao.admin/disable', adminToken, {})).body).toMatchObject({ disabled: true });
    expect((await call('GET', '/me', secondToken)).status).toBe(401);
  });

  it('resets a password to a temporary one that must be changed at the next sign-in', async () => {
    const session = await signIn(baseUrl, 'wang.reporter', 'Another-fine-day-31');
    const reset = await call('POST', '/accounts/wang.reporter/password-reset', adminToken);
    expect(reset.body.account).toMatchObject({ passwordChangeRequired: true });
    expect((await call('GET', '/me', session.accessToken)).status).toBe(401);
    await firstSignIn('wang.reporter', String(reset.body.temporaryPassword), 'Copper-kettle-song-55');
  });

  it('lists accounts by role, unit, state and a part of the name', async () => {
    const ids = async (query: string) =>
      ((await call('GET', `/accounts${query}`, adminToken)).body.accounts as Array<{ id: string }>).map((a) => a.id);
    expect(await ids('?role=ADMIN')).toEqual(['root-admin', 'zhao.admin']);
    expect(await ids('?role=ADMIN&disabled=false')).toEqual(['root-admin']);
    expect(await ids('?unitId=u-a')).toEqual(['wang.reporter']);
    expect(await ids('?q=%E6%9D%8E')).toEqual(['li.assessor']);
    expect((await call('GET', '/accounts?colour=red', adminToken)).body).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('colour'),
    });
  });

  it('refuses an address book with bad rows as a whole, reporting each row', async () => {
    const before = await accountRows();
    const file = [
      '账号,姓名,角色,单位,职务,手机,邮箱',
      'zhang.head,张局长,UNIT_HEAD,u-a,一把手,13800000001,zhang@example.gov.cn',
      'bad id,无名,ASSESSOR,,,,',
      'chen,陈,MAYOR,,,,',
      'liu,刘,单位联络员,,,,',
      'zhou,周,UNIT_REPORTER,u-zz,,,',
      'wu,吴,ASSESSOR,,,1380000,wu-at-example',
      'zhang.head,张二,ASSESSOR,,,,',
      'li.assessor,李考评,ASSESSOR,,,,',
      'feng,冯,UNIT_REPORTER,区发改局,,,', // two cycles have a 区发改局 (u00, u-a)
    ].join('\n');
    const refused = await upload('/accounts/import', CSV, file);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('IMPORT_INVALID');
    const problems = (refused.body.details as Array<{ line: number; field: string }>).map(
      (p) => `${p.line}:${p.field}`,
    );
    expect(problems).toEqual(['3:id', '4:roles', '5:unit', '6:unit', '7:email', '7:mobile', '8:id', '9:id', '10:unit']);
    expect(await accountRows()).toEqual(before);
  });

  it('imports a clean address book from CSV and from a spreadsheet, updating existing accounts only when asked', async () => {
    const csv = [
      'id,name,roles,unit,post,mobile,email,dingtalk',
      'zhang.head,张局长,UNIT_HEAD,u-a,head,13800000001,zhang@example.gov.cn,ding-zhang',
      'sun.deputy,孙副局长,UNIT_HEAD,u-a,deputy,13800000002,,',
    ].join('\r\n');
    const created = await upload('/accounts/import', CSV, `\uFEFF${csv}`);
    expect(created.body).toEqual({ created: ['zhang.head', 'sun.deputy'], updated: [], unchanged: [] });
    const heads = await call('GET', '/accounts?unitId=u-a&unitPost=head', adminToken);
    expect((heads.body.accounts as Array<{ id: string }>).map((account) => account.id)).toEqual(['zhang.head']);
    const head = await call('GET', '/accounts/zhang.head', adminToken);
    expect(head.body).toMatchObject({
      unitPost: 'head',
      hasPassword: false,
      contact: { dingtalkUserId: 'ding-zhang' },
    });

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('通讯录');
    sheet.addRow(['账号', '姓名', '角色', '单位', '职务', '手机', '邮箱']);
    sheet.addRow(['zhang.head', '张局长', '一把手', 'u-a', '一把手', 13800000009, 'zhang@example.gov.cn']);
    sheet.addRow(['zhou.reporter', '周', '单位联络员', '区财政局']); // a unit by its name
    sheet.addRow([
      'qian.org',
      '钱',
      '组织部、纪委监委',
      null,
      null,
      null,
      { text: 'qian@example.gov.cn', hyperlink: 'mailto:qian@example.gov.cn' },
    ]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const notAsked = await upload('/accounts/import', XLSX, xlsx);
    expect(notAsked.body).toMatchObject({ code: 'IMPORT_INVALID', details: [{ line: 2, field: 'id' }] });
    expect(await accountRows()).not.toContain('qian.org');
    const updated = await upload('/accounts/import?update=true&temporaryPasswords=true', XLSX, xlsx);
    expect(updated.body).toEqual({
      created: ['zhou.reporter', 'qian.org'],
      updated: ['zhang.head'],
      unchanged: [],
      temporaryPasswords: {
        'qian.org': expect.stringMatching(/^\S{16}$/),
        'zhou.reporter': expect.stringMatching(/^\S{16}$/),
      },
    });
    expect((await call('GET', '/accounts/zhou.reporter', adminToken)).body).toMatchObject({ unitId: 'u01' });
    const qianPassword = (updated.body.temporaryPasswords as Record<string, string>)['qian.org'];
    await firstSignIn('qian.org', qianPassword, 'Orchard-window-bell-73');
    expect((await upload('/accounts/import?update=true', XLSX, xlsx)).body).toEqual({
      created: [],
      updated: [],
      unchanged: ['zhang.head', 'zhou.reporter', 'qian.org'],
    });
    expect((await call('GET', '/accounts/qian.org', adminToken)).body).toMatchObject({
      roles: ['ORG_DEPT', 'DISCIPLINE'],
      contact: { email: 'qian@example.gov.cn' },
    });
    expect((await call('GET', '/accounts/zhang.head', adminToken)).body).toMatchObject({
      contact: { mobile: '13800000009' },
    });
    const taken = await call('POST', '/accounts', adminToken, {
      id: 'he.head',
      displayName: '何',
      roles: ['UNIT_HEAD'],
      unitId: 'u-a',
      unitPost: 'head',
    });
    expect(taken.body).toMatchObject({ statusCode: 409, code: 'UNIT_POST_TAKEN', details: [{ path: 'unitPost' }] });
    expect((await upload('/accounts/import', 'application/pdf', 'x')).status).toBe(415);
  });

  it('finds the people behind a unit post and a role, with how to reach them, for cases and messages', async () => {
    const dataSource = await openDatabase(stack.databaseUrl);
    try {
      const accounts = new AccountRepository(dataSource.manager);
      expect((await accounts.accountOf('u-a', 'head'))?.id).toBe('zhang.head');
      expect((await accounts.accountOf('u-a', 'deputy'))?.id).toBe('sun.deputy');
      expect(await accounts.accountOf('u-b', 'head')).toBeNull();
      expect(await accounts.recipients('UNIT_HEAD', 'u-a')).toEqual([
        {
          userId: 'sun.deputy',
          displayName: '孙副局长',
          language: 'zh-CN',
          contact: { email: null, mobile: '13800000002', dingtalkUserId: null, wecomUserId: null, feishuUserId: null },
        },
        expect.objectContaining({
          userId: 'zhang.head',
          contact: expect.objectContaining({ dingtalkUserId: 'ding-zhang' }),
        }),
      ]);
      expect((await accounts.recipients('ADMIN')).map((recipient) => recipient.userId)).toEqual(['root-admin']);
    } finally {
      await dataSource.destroy();
    }
  });

  it('signs an existing account in through the identity provider, and refuses an unknown one', async () => {
    const signedIn = await signInAtProvider(baseUrl, 'zhang.head');
    expect(signedIn.status).toBe(200);
    const tokens = signedIn.body as { accessToken: string; user: { userId: string } };
    expect(tokens.user.userId).toBe('zhang.head');
    const audited = await db.query(
      `SELECT change FROM audit_log WHERE subject = 'users/zhang.head' AND action = 'auth.signed_in'`,
    );
    expect(audited.rows).toEqual([{ change: { session: expect.stringMatching(/^session:/), method: 'oidc' } }]);
    expect((await call('GET', '/me', tokens.accessToken)).body).toMatchObject({ id: 'zhang.head', unitPost: 'head' });

    const unknown = await signInAtProvider(baseUrl, 'stranger');
    expect(unknown).toMatchObject({ status: 403, body: { code: 'OIDC_ACCOUNT_UNKNOWN' } });
    const replayed = await fetch(`${baseUrl}/auth/oidc/callback?code=forged&state=never-issued`);
    expect(replayed.status).toBe(401);
    expect(await accountRows()).not.toContain('stranger');
  });

  it('can switch password sign-in off when the identity provider is configured, and says when that provider is down', async () => {
    const deadIssuer = `http://127.0.0.1:${await freePort()}`;
    const oidcOnly = await createApiApplication(
      loadConfig({ ...configEnvironment(config), PASSWORD_SIGN_IN: 'false', OIDC_ISSUER: deadIssuer }),
    );
    await oidcOnly.listen(0, '127.0.0.1');
    try {
      const url = await oidcOnly.getUrl();
      const response = await fetch(`${url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'root-admin', password: ADMIN_PASSWORD }),
      });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { code: string }).code).toBe('PASSWORD_SIGN_IN_DISABLED');
      expect(await (await fetch(`${url}/auth/methods`)).json()).toEqual({ password: false, oidc: true });
      const unreachable = await fetch(`${url}/auth/oidc/login`, { redirect: 'manual' });
      expect(unreachable.status).toBe(503);
      expect(((await unreachable.json()) as { code: string }).code).toBe('OIDC_PROVIDER_UNAVAILABLE');
    } finally {
      await oidcOnly.close();
    }
    expect(() => loadConfig({ DATABASE_URL: stack.databaseUrl, PASSWORD_SIGN_IN: 'false' })).toThrow(
      /PASSWORD_SIGN_IN/,
    );
  });
});

function configEnvironment(config: AppConfig): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, String(value)]),
  );
}
