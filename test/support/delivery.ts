import { MockActivityEnvironment } from '@temporalio/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createOutboxActivities } from '../../activities/outbox.activities';
import type { ChannelKind, NotificationRequest, RateLimit, Role, SmtpSettings } from '@jiebang/contracts';
import { SecretBox, type DeliveryOptions } from '@jiebang/delivery';
import { startEmbeddedPostgres, type RunningPostgres } from '@jiebang/devstack/embedded-postgres';
import { freePort } from '@jiebang/devstack/free-port';
import { parseOutboundAllow } from '@jiebang/config';
import { openDatabase } from '@jiebang/persistence';

/** The tests' receivers listen on loopback, which only an operator's OUTBOUND_ALLOW opens. */
export const TEST_OUTBOUND_ALLOW = '127.0.0.1/32,::1/128';

export const TEST_SECRET_KEY = 'delivery-tests-secret-key-0123456789abcdef';

/** Fast delivery for tests: short polls, timeouts and backoff; production values come from libs/config. */
export function testDeliveryOptions(overrides: Partial<DeliveryOptions> = {}): DeliveryOptions {
  return {
    publicUrl: 'https://jiebang.test',
    secretKey: TEST_SECRET_KEY,
    pollMs: 50,
    batchSize: 200,
    concurrency: 16,
    timeoutMs: 2_000,
    maxAttempts: 30,
    retryBaseMs: 100,
    retryMaxMs: 500,
    digestAt: '23:59',
    // The receivers listen on loopback.
    outboundAllow: parseOutboundAllow(TEST_OUTBOUND_ALLOW),
    ...overrides,
  };
}

/** An embedded Postgres with Jiebang's schema, for suites that need no Temporal. */
export async function startDeliveryDatabase(): Promise<{
  url: string;
  dataSource: DataSource;
  stop(): Promise<void>;
}> {
  const tempDir = await mkdtemp(join(tmpdir(), 'jiebang-delivery-'));
  const postgres: RunningPostgres = await startEmbeddedPostgres({
    dataDir: join(tempDir, 'pg'),
    port: await freePort(),
    persistent: false,
  });
  const dataSource = await openDatabase(postgres.url);
  await seedCycle(dataSource);
  return {
    url: postgres.url,
    dataSource,
    async stop() {
      await dataSource.destroy();
      await postgres.stop();
      await rm(tempDir, { recursive: true, force: true });
    },
  };
}

/** Writes a notice the way workflows do: the real outbox activity, run in an activity context. */
export async function writeNotice(dataSource: DataSource, request: NotificationRequest): Promise<void> {
  const { notify } = createOutboxActivities({ dataSource });
  await new MockActivityEnvironment().run(notify, request);
}

export function notice(key: string, overrides: Partial<NotificationRequest> = {}): NotificationRequest {
  return {
    key,
    cycleId: 'c-2026',
    unitId: 'u01',
    kind: 'reminder',
    recipientRole: 'UNIT_REPORTER',
    subject: 'Report for month 3 due 2026-04-05T09:00:00.000Z',
    dueAt: '2026-04-05T09:00:00.000Z',
    step: 'report.submit',
    month: 3,
    ...overrides,
  };
}

export interface TestPerson {
  id: string;
  roles: Role[];
  unitId?: string;
  email?: string;
  mobile?: string;
  dingtalkUserId?: string;
  wecomUserId?: string;
  feishuUserId?: string;
  language?: 'zh-CN' | 'en';
  digest?: boolean;
}

export async function addPerson(dataSource: DataSource, person: TestPerson): Promise<void> {
  await dataSource.query(
    `INSERT INTO users (id, display_name, password_hash, roles, unit_id, email, mobile, dingtalk_user_id, wecom_user_id,
                        feishu_user_id, language, digest)
     VALUES ($1, $1, 'x', $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      person.id,
      person.roles,
      person.unitId ?? null,
      person.email ?? null,
      person.mobile ?? null,
      person.dingtalkUserId ?? null,
      person.wecomUserId ?? null,
      person.feishuUserId ?? null,
      person.language ?? 'zh-CN',
      person.digest ?? false,
    ],
  );
}

/** Stores a channel as the admin API does (secret sealed with the same key the dispatcher opens it with). */
export async function addChannel(
  dataSource: DataSource,
  channel: {
    name: string;
    kind: ChannelKind;
    url?: string;
    smtp?: SmtpSettings;
    secret?: string;
    rateLimits?: RateLimit[];
    role?: Role;
  },
): Promise<string> {
  const sealed = channel.secret ? new SecretBox(TEST_SECRET_KEY).seal(channel.secret) : null;
  const [row] = (await dataSource.query(
    `INSERT INTO notification_channels (name, kind, url, smtp, secret_cipher, rate_limits, role)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      channel.name,
      channel.kind,
      channel.url ?? null,
      channel.smtp ? JSON.stringify(channel.smtp) : null,
      sealed,
      JSON.stringify(channel.rateLimits ?? []),
      channel.role ?? null,
    ],
  )) as Array<{ id: string }>;
  return row.id;
}

/** The cycle and units the test notices belong to (unit names appear in messages). */
async function seedCycle(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `INSERT INTO cycles (id, name, year, policy, periods, scenario_digest, pledge_opened_at)
     VALUES ('c-2026', '2026', 2026, '{}', '[]', 'x', now())`,
  );
  await dataSource.query(`INSERT INTO categories (cycle_id, id, name) VALUES ('c-2026', 'econ', '经济部门')`);
  await dataSource.query(
    `INSERT INTO units (cycle_id, id, name, category_id, workflow_id) VALUES
     ('c-2026', 'u01', '区发改局', 'econ', 'w1'), ('c-2026', 'u02', '区财政局', 'econ', 'w2')`,
  );
}
