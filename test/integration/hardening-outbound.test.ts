import { lookup } from 'node:dns/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryDispatcher } from '@jiebang/delivery';
import { addChannel, startDeliveryDatabase, testDeliveryOptions, writeNotice, notice } from '../support/delivery';
import { eventually, httpClient, startApi } from '../support/jiebang';
import { monthOneEndingAt, tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';
import { TEST_PASSWORD } from '../support/users';
import { addressBookXlsx } from '../support/zip';

const { admin, headOf, reporterOf } = ACTORS;

/** A scanned page: a PDF as far as its first bytes go. */
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('台账 '.repeat(100))]);

/** What a hostile receiver puts in its answers; it must never reach the database or an answer of ours. */
const MARKER = 'RECEIVER-BODY-MARKER-7f3a';

/** A loopback receiver that answers every POST with a fixed status and the marker in its body. */
async function hostileReceiver(status: number, headers: Record<string, string> = {}) {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method ?? ''} ${request.url ?? ''}`);
    request.resume();
    request.on('end', () => {
      response.writeHead(status, { 'content-type': 'text/plain', ...headers });
      response.end(`${MARKER} internal details: db password is hunter2`);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  return {
    requests,
    port,
    url: `http://127.0.0.1:${port}/in`,
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
}

describe('outbound requests and channel secrets over real HTTP, Temporal and Postgres', () => {
  let suite: JiebangSuite;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);
  /** A second API on the same database with the default policy: public addresses only. */
  let publicOnly: { app: INestApplication; call: ReturnType<typeof httpClient> };
  let cycleId = '';

  beforeAll(async () => {
    suite = await startJiebangSuite('hardening-outbound-suite');
    const started = await startApi({ ...suite.config, OUTBOUND_ALLOW: [] });
    publicOnly = { app: started.app, call: httpClient(started.baseUrl) };
    // Month 1 ends in a moment and its report stays open for an hour (the evidence race needs it open).
    const imported = await call('POST', '/cycles', {
      actor: admin,
      body: tinyScenario('Outbound district', {
        calendar: { periods: monthOneEndingAt(Date.now() + 4_000) },
        pledgeDeadline: '2s',
        reportWindow: '1h',
        reviewDeadline: '1h',
      }),
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
    expect((await call('POST', `/cycles/${cycleId}/units/u-a/pledge`, { actor: headOf('u-a') })).status).toBe(200);
  });

  afterAll(async () => {
    await publicOnly?.app.close();
    await suite?.stop();
  });

  /** A notice for the assessors, as a workflow writes it to the outbox. */
  async function assessorNotice(key: string): Promise<void> {
    await suite.db.query(
      `INSERT INTO notifications (key, cycle_id, unit_id, kind, recipient_role, subject, due_at, step, month)
       VALUES ($1, $2, 'u-a', 'deadline', 'ASSESSOR', 'Review of month 1 overdue', now(), 'report.review', 1)`,
      [key, cycleId],
    );
  }

  describe('the destination policy', () => {
    const webhook = (name: string, url: string) => ({
      name,
      kind: 'webhook',
      url,
      secret: 'outbound-secret-0123456789',
    });

    it.each([
      ['cloud metadata', 'http://169.254.169.254/latest/meta-data/', 'link-local'],
      ['metadata name', 'http://metadata.google.internal/computeMetadata/v1/', 'inside the network'],
      ['Postgres on loopback', 'http://127.0.0.1:5432/', 'loopback'],
      ['Temporal on IPv6 loopback', 'http://[::1]:7233/', 'loopback'],
      ['loopback as a number', 'http://2130706433/', 'loopback'],
      ['loopback in hex', 'http://0x7f.1/', 'loopback'],
      ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]:7233/', 'loopback'],
      ['IPv4-mapped IPv6 metadata', 'http://[::ffff:a9fe:a9fe]/', 'link-local'],
      ['a private range', 'http://10.0.0.8/hook', 'private'],
    ])('refuses a webhook at %s on save with 400 naming the reason', async (_label, url, reason) => {
      const response = await publicOnly.call('POST', '/admin/channels', {
        actor: admin,
        body: webhook(`refused ${url}`, url),
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('CHANNEL_DESTINATION_REFUSED');
      expect(String(response.body.message)).toContain('url');
      expect(String(response.body.message)).toContain(reason);
    });

    it('refuses a host name that resolves inward, and an SMTP server on loopback, before any connection', async () => {
      const name = hostname();
      const resolved = await lookup(name);
      const named = await publicOnly.call('POST', '/admin/channels', {
        actor: admin,
        body: webhook('by name', `http://${name}:9/in`),
      });
      expect(named.status).toBe(400);
      expect(String(named.body.message)).toContain(`${name} resolves to ${resolved.address}`);
      const smtp = await publicOnly.call('POST', '/admin/channels', {
        actor: admin,
        body: { name: 'mail', kind: 'email', smtp: { host: '127.0.0.1', port: 5432, from: 'jiebang@example.cn' } },
      });
      expect(smtp.status).toBe(400);
      expect(smtp.body.code).toBe('CHANNEL_DESTINATION_REFUSED');
      expect(String(smtp.body.message)).toContain('smtp.host');
      const { rows } = await suite.db.query(
        `SELECT count(*)::int AS n FROM notification_channels WHERE name LIKE 'refused%' OR name IN ('by name', 'mail')`,
      );
      expect(rows[0].n).toBe(0);
    });

    it('follows no redirect and keeps no byte of what the receiver answered', async () => {
      const stolen = await hostileReceiver(200);
      const redirecting = await hostileReceiver(307, { location: `${stolen.url}?stolen=1` });
      const failing = await hostileReceiver(500);
      try {
        for (const [name, receiver] of [
          ['redirecting', redirecting],
          ['failing', failing],
        ] as const) {
          const created = await call('POST', '/admin/channels', {
            actor: admin,
            body: { ...webhook(name, receiver.url), role: 'ASSESSOR' },
          });
          expect(created.status).toBe(201);
        }
        await assessorNotice('outbound-redirect-and-500');
        const tried = await eventually(async () => {
          const listed = (await call('GET', '/admin/deliveries', { actor: admin })).body as unknown as Array<{
            channelName: string;
            status: string;
            lastError: string | null;
          }>;
          const redirected = listed.find((d) => d.channelName === 'redirecting' && d.status === 'dead');
          const failed = listed.find((d) => d.channelName === 'failing' && d.lastError);
          return redirected && failed ? { redirected, failed } : undefined;
        });
        expect(tried.redirected.lastError).toBe('HTTP 307: a redirect, not followed');
        expect(tried.failed.lastError).toBe('HTTP 500: server error, will try again');
        expect(redirecting.requests).toEqual(['POST /in']);
        expect(stolen.requests).toEqual([]);
        const { rows } = await suite.db.query(
          `SELECT (SELECT count(*) FROM deliveries d WHERE d::text LIKE '%' || $1 || '%')::int
                + (SELECT count(*) FROM delivery_attempts a WHERE a::text LIKE '%' || $1 || '%')::int AS n`,
          [MARKER],
        );
        expect(rows[0].n).toBe(0);
      } finally {
        await Promise.all([stolen.stop(), redirecting.stop(), failing.stop()]);
      }
    });

    it('answers the SMTP check only reachable or not: a closed port and a port that is not SMTP look alike', async () => {
      const closed = await hostileReceiver(200);
      await closed.stop();
      const notSmtp = new URL(suite.config.DATABASE_URL).port;
      const answers = [];
      for (const port of [closed.port, Number(notSmtp)]) {
        const response = await call('POST', '/admin/channels', {
          actor: admin,
          body: { name: `mail-${port}`, kind: 'email', smtp: { host: '127.0.0.1', port, from: 'jiebang@example.cn' } },
        });
        answers.push({
          status: response.status,
          code: response.body.code,
          message: String(response.body.message).replace(String(port), 'PORT'),
        });
      }
      expect(answers[0]).toEqual({
        status: 422,
        code: 'SMTP_UNREACHABLE',
        message: 'The SMTP server 127.0.0.1:PORT is not reachable',
      });
      expect(answers[1]).toEqual(answers[0]);
    });
  });

  describe('limits under races', () => {
    it('lets at most 20 of 30 parallel evidence uploads land on one report', async () => {
      await eventually(async () => {
        const { rows } = await suite.db.query(
          `SELECT 1 FROM reports WHERE cycle_id = $1 AND unit_id = 'u-a' AND month = 1`,
          [cycleId],
        );
        return rows.length > 0 ? true : undefined;
      });
      const reporter = reporterOf('u-a');
      // Signed in before the race, so the 30 requests start together.
      expect((await call('GET', `/cycles/${cycleId}/units/u-a/reports/1/evidence`, { actor: reporter })).status).toBe(
        200,
      );
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, index) =>
          call('POST', `/cycles/${cycleId}/units/u-a/reports/1/evidence?name=scan-${index}.pdf`, {
            actor: reporter,
            rawBody: PDF,
            headers: { 'content-type': 'application/pdf' },
          }),
        ),
      );
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(20);
      expect(statuses.filter((status) => status === 409)).toHaveLength(10);
      expect(answers.find((answer) => answer.status === 409)?.body.code).toBe('EVIDENCE_LIMIT_REACHED');
      const { rows } = await suite.db.query(
        `SELECT (SELECT count(*) FROM evidence_files WHERE cycle_id = $1)::int AS files,
                (SELECT count(*) FROM evidence_blobs)::int AS blobs`,
        [cycleId],
      );
      expect(rows[0]).toEqual({ files: 20, blobs: 20 });
    });
  });

  describe('password guessing', () => {
    it('counts wrong passwords at /auth/login, /auth/password and POST /me/password against one limit per account', async () => {
      const target = { user: 'guess-target', roles: ['ASSESSOR'] as const };
      // The client signs in once (right password, not counted): then 4 wrong sign-ins, 5 wrong temporary-password changes.
      expect((await call('GET', '/me', { actor: { ...target, roles: [...target.roles] } })).status).toBe(200);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (await call('POST', '/auth/login', { body: { username: 'guess-target', password: `wrong-${i}` } })).status,
        );
      for (let i = 0; i < 5; i++)
        statuses.push(
          (
            await call('POST', '/auth/password', {
              body: { username: 'Guess-Target', currentPassword: `wrong-${i}`, newPassword: 'Harbour-lights-2031' },
            })
          ).status,
        );
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 401]);
      const tenth = await call('POST', '/me/password', {
        actor: { ...target, roles: [...target.roles] },
        body: { currentPassword: 'wrong-again', newPassword: 'Harbour-lights-2031' },
      });
      expect(tenth.body.code).toBe('WRONG_CURRENT_PASSWORD');
      // Ten wrong passwords, wherever they were tried: now even the right one waits.
      const eleventh = await call('POST', '/auth/login', {
        body: { username: 'guess-target', password: TEST_PASSWORD },
      });
      expect(eleventh.status).toBe(429);
      expect(eleventh.body.code).toBe('TOO_MANY_REQUESTS');
      const twelfth = await call('POST', '/me/password', {
        actor: { ...target, roles: [...target.roles] },
        body: { currentPassword: TEST_PASSWORD, newPassword: 'Harbour-lights-2031' },
      });
      expect(twelfth.status).toBe(429);
      expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('changes a password at /auth/password only for an account that must replace a temporary one', async () => {
      await call('GET', '/me', { actor: { user: 'settled-person', roles: ['ASSESSOR'] } });
      const refused = await call('POST', '/auth/password', {
        body: { username: 'settled-person', currentPassword: TEST_PASSWORD, newPassword: 'Harbour-lights-2031' },
      });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('NO_TEMPORARY_PASSWORD');
      expect(refused.body.accessToken).toBeUndefined();
      const { rows } = await suite.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'account.password_changed' AND subject LIKE '%settled-person'`,
      );
      expect(rows[0].n).toBe(0);
    });
  });

  describe('costly imports', () => {
    const importBook = (query: string, content: Buffer | string, type: string) =>
      call('POST', `/accounts/import${query}`, {
        actor: admin,
        rawBody: typeof content === 'string' ? content : new Uint8Array(content),
        headers: { 'content-type': type },
      });
    const accounts = async () => Number((await suite.db.query('SELECT count(*)::int AS n FROM users')).rows[0].n);

    it('refuses a 45 kB workbook that unzips to 40 MB with 413 naming the limit, before unzipping it', async () => {
      const bomb = addressBookXlsx([
        ['id', 'name', 'roles'],
        ['bomb.person', 'a'.repeat(40_000_000), 'ASSESSOR'],
      ]);
      expect(bomb.length).toBeLessThan(60_000);
      const before = await accounts();
      const response = await importBook('', bomb, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(response.status).toBe(413);
      expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
      expect(String(response.body.message)).toContain('25 MiB');
      expect(await accounts()).toBe(before);
    });

    it('takes at most 1,000 rows with temporary passwords, refusing more before hashing any', async () => {
      const rows = Array.from({ length: 1_001 }, (_, index) => `bulk.${index},Person ${index},ASSESSOR`);
      const before = await accounts();
      const response = await importBook('?temporaryPasswords=true', ['id,name,roles', ...rows].join('\n'), 'text/csv');
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('IMPORT_INVALID');
      expect(String(response.body.message)).toContain('at most 1000 rows per file with temporaryPasswords=true');
      expect(await accounts()).toBe(before);
      const small = await importBook(
        '?temporaryPasswords=true',
        ['id,name,roles', ...rows.slice(0, 30)].join('\n'),
        'text/csv',
      );
      expect(small.status, JSON.stringify(small.body)).toBe(200);
      expect(Object.keys(small.body.temporaryPasswords as Record<string, string>)).toHaveLength(30);
      const signIn = await call('POST', '/auth/login', {
        body: { username: 'bulk.0', password: (small.body.temporaryPasswords as Record<string, string>)['bulk.0'] },
      });
      expect(signIn.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    });
  });

  describe('anonymous refusals', () => {
    it('counts refused anonymous requests without writing each to the audit trail, and audits signed-in refusals', async () => {
      const counted = async () =>
        ((await call('GET', '/health')).body.refusals as { anonymous: Record<string, number> }).anonymous
          .UNAUTHENTICATED ?? 0;
      const before = await counted();
      for (let i = 0; i < 40; i++) expect((await call('GET', `/cycles?probe=${i}`)).status).toBe(401);
      expect((await call('GET', '/cycles', { token: 'forged.token.value' })).status).toBe(401);
      expect(await counted()).toBe(before + 41);
      // A signed-in refusal after them: once it is in the trail, anything queued before it is too.
      const refused = await call('GET', '/admin/channels', {
        actor: { user: 'curious-reporter', roles: ['UNIT_REPORTER'], unit: 'u-a' },
      });
      expect(refused.status).toBe(403);
      await eventually(async () => {
        const { rows } = await suite.db.query(
          `SELECT 1 FROM audit_log WHERE action = 'refused.forbidden' AND actor_id = 'curious-reporter'`,
        );
        return rows.length > 0 ? true : undefined;
      });
      const { rows } = await suite.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'refused.unauthenticated' AND actor_id LIKE 'address:%'`,
      );
      expect(rows[0].n).toBe(0);
    });
  });

  describe('channel secrets', () => {
    it('masks every secret part of a channel in every answer and keeps none in the audit trail', async () => {
      const secrets = ['hunter2', 'AK-4411', 'KEY-5522', 'TOK-6633', 'fs-hook-7744', 'webhook-signing-secret-8855'];
      const created = await call('POST', '/admin/channels', {
        actor: admin,
        body: {
          name: 'secretive',
          kind: 'webhook',
          url: 'http://ops:hunter2@127.0.0.1:9/in?apikey=AK-4411&Key=KEY-5522&x_auth_token=TOK-6633&lang=zh',
          secret: 'webhook-signing-secret-8855',
          enabled: false,
        },
      });
      expect(created.status).toBe(201);
      const feishu = await call('POST', '/admin/channels', {
        actor: admin,
        body: {
          name: 'feishu-trailing-slash',
          kind: 'feishu',
          url: 'http://127.0.0.1:9/open-apis/bot/v2/hook/fs-hook-7744/',
          secret: 'feishu-secret-9966',
          enabled: false,
        },
      });
      expect(feishu.status).toBe(201);
      const id = created.body.id as string;
      const changed = await call('PUT', `/admin/channels/${id}`, {
        actor: admin,
        body: {
          name: 'secretive',
          kind: 'webhook',
          url: 'http://ops:hunter2@127.0.0.1:9/in?apikey=AK-4411&Key=KEY-5522&x_auth_token=TOK-6633&lang=zh',
          secret: 'webhook-signing-secret-changed',
          enabled: false,
        },
      });
      expect(changed.status).toBe(200);

      const answers = [
        created.body,
        feishu.body,
        changed.body,
        (await call('GET', `/admin/channels/${id}`, { actor: admin })).body,
        (await call('GET', '/admin/channels', { actor: admin })).body,
      ];
      for (const answer of answers)
        for (const secret of [...secrets, 'feishu-secret-9966', 'webhook-signing-secret-changed'])
          expect(JSON.stringify(answer)).not.toContain(secret);
      expect(created.body.url).toBe('http://***:***@127.0.0.1:9/in?apikey=***&Key=***&x_auth_token=***&lang=zh');
      expect(feishu.body.url).toBe('http://127.0.0.1:9/open-apis/bot/v2/hook/***/');

      const audit = await suite.db.query(
        `SELECT action, a::text AS text, change FROM audit_log a WHERE action LIKE 'channel.%' AND subject = ANY($1) ORDER BY seq`,
        [[`channels/${id}`, `channels/${feishu.body.id as string}`]],
      );
      expect(audit.rows.map((row) => row.action)).toEqual(['channel.created', 'channel.created', 'channel.changed']);
      for (const row of audit.rows)
        for (const secret of [...secrets, 'feishu-secret-9966', 'webhook-signing-secret-changed'])
          expect(row.text).not.toContain(secret);
      const [first, , second] = audit.rows.map((row) => row.change as Record<string, unknown>);
      expect(first.secretFingerprint).toMatch(/^[0-9a-f]{8}$/);
      expect(second).toMatchObject({ secretChanged: true, urlChanged: false });
      expect(second.secretFingerprint).not.toBe(first.secretFingerprint);
      expect(second.urlFingerprint).toBe(first.urlFingerprint);
    });
  });
});

describe('the destination policy on every send', () => {
  it('refuses, after resolving it, a name that now resolves inward, and sends nothing', async () => {
    const database = await startDeliveryDatabase();
    const receiver = await hostileReceiver(200);
    const name = hostname();
    const { address } = await lookup(name);
    // As if the name had resolved to a public address when the channel was saved.
    await addChannel(database.dataSource, {
      name: 'rebinding',
      kind: 'webhook',
      url: `http://${name}:${receiver.port}/in`,
      secret: 'rebinding-secret-0123456789',
    });
    const dispatcher = new DeliveryDispatcher(database.dataSource, testDeliveryOptions({ outboundAllow: [] }), {
      warn: () => undefined,
      error: () => undefined,
    });
    try {
      await writeNotice(database.dataSource, notice('rebinding-1'));
      dispatcher.start();
      const dead = await eventually(async () => {
        const rows = (await database.dataSource.query(
          `SELECT status, last_error FROM deliveries WHERE status = 'dead'`,
        )) as Array<{ status: string; last_error: string }>;
        return rows[0];
      });
      expect(dead.last_error).toContain(`destination refused: ${name} resolves to ${address}`);
      expect(receiver.requests).toEqual([]);
    } finally {
      await dispatcher.stop();
      await receiver.stop();
      await database.stop();
    }
  });
});
